package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const gumSample = "# newdoc id = GUM_news_sample\n" +
	"# newpar\n" +
	"# text = North Korea's agency KCNA said\n" +
	"1\tNorth\tNorth\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-organization-new-sssss-cf1-1,2-coref-North_Korea\n" +
	"2-3\tKorea's\t_\t_\t_\t_\t_\t_\t_\t_\n" +
	"2\tKorea\tKorea\tPROPN\tNNP\t_\t4\tnmod:poss\t_\t_\n" +
	"3\t's\t's\tPART\tPOS\t_\t2\tcase\t_\tEntity=1)\n" +
	"4\tagency\tagency\tNOUN\tNN\t_\t6\tnsubj\t_\tEntity=(2-organization-new-nnnnn-cf2-2-coref-KCNA\n" +
	"5\tKCNA\tKCNA\tPROPN\tNNP\t_\t4\tappos\t_\tEntity=2)\n" +
	"6\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n" +
	"\n" +
	"# text = President Obama spoke.\n" +
	"1\tPresident\tpresident\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(3-person-new-sssss-cf1-1,2-coref-Barack_Obama\n" +
	"2\tObama\tObama\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=3)\n" +
	"3\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n" +
	"4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"

func TestParseGUM(t *testing.T) {
	d, err := parseGUM(strings.NewReader(gumSample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "GUM_news_sample" || len(d.Sentences) != 2 {
		t.Fatalf("doc %q with %d sentences", d.ID, len(d.Sentences))
	}
	s := d.Sentences[0]
	if !s.NewPar || !reflect.DeepEqual(s.Words, []string{"North", "Korea", "'s", "agency", "KCNA", "said"}) {
		t.Errorf("words %q newpar %v", s.Words, s.NewPar)
	}
	// "North Korea's" loses the possessive; "agency KCNA" keeps only the
	// proper noun of its minimal span.
	if got := Spans(s.Labels); !reflect.DeepEqual(got, []Span{{0, 2, "ORG"}, {4, 5, "ORG"}}) {
		t.Errorf("spans %v", got)
	}
	// Titles are stripped: "President Obama" -> "Obama".
	if got := Spans(d.Sentences[1].Labels); !reflect.DeepEqual(got, []Span{{1, 2, "PER"}}) {
		t.Errorf("spans %v", got)
	}
	txt, sp := Detokenize(d.Sentences[1].Words, d.Sentences[1].SpaceAfter, "")
	if txt != "President Obama spoke." || sp[3] != [2]int{21, 22} {
		t.Errorf("detokenized %q %v", txt, sp)
	}
}

func TestReadColumns(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.iob2")
	data := "# sent_id = d1-0001\n# text = Mr. Smith visited New York.\n" +
		"1\tMr.\tO\n2\tSmith\tB-PER\t-\tx\n3\tvisited\tO\n4\tNew\tB-LOC\n5\tYork\tI-LOC\n6\t.\tB-O\n\n" +
		"-DOCSTART- O\n\n" +
		"EU I-ORG\nand O\nUN I-ORG\nofficials O\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	ss, err := ReadColumns(p, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) < 1 || ss[0].ID != "d1-0001" || ss[0].Text != "Mr. Smith visited New York." {
		t.Fatalf("got %+v", ss)
	}
	if got := Spans(ss[0].Labels); !reflect.DeepEqual(got, []Span{{1, 2, "PER"}, {3, 5, "LOC"}}) {
		t.Errorf("spans %v", got)
	}
	io, err := ReadColumns(p, 0, 1) // the space-separated IO part
	if err != nil {
		t.Fatal(err)
	}
	last := io[len(io)-1]
	if got := Spans(last.Labels); !reflect.DeepEqual(got, []Span{{0, 1, "ORG"}, {2, 3, "ORG"}}) {
		t.Errorf("IO spans %v in %q", got, last.Words)
	}
}

func FuzzParseGUM(f *testing.F) {
	f.Add(gumSample)
	f.Add("1\ta\ta\tX\tX\t_\t0\troot\t_\tEntity=(((1-x)2)\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseGUM(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, s := range d.Sentences {
			if len(s.Labels) != len(s.Words) {
				t.Fatalf("labels %d words %d", len(s.Labels), len(s.Words))
			}
			for _, sp := range Spans(s.Labels) {
				if sp.Start < 0 || sp.End > len(s.Words) || sp.Start >= sp.End {
					t.Fatalf("bad span %v", sp)
				}
			}
		}
	})
}
