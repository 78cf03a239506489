// Command train fits the entity tagger on the permissively licensed corpora
// in ../shared/bench/ner/train and writes internal/entity/data/model.bin.gz.
// Evaluation data (../shared/bench/ner/gum-news, uner-pud-wiki) is never
// read here. Run from the repository root:
//
//	go run ./internal/entity/cmd/train [-shared ../shared] [-epochs 4]
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/newsquotes/newsquotes/internal/entity"
	"github.com/newsquotes/newsquotes/internal/entity/corpus"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared data folder")
	out := flag.String("out", "internal/entity/data/model.bin.gz", "where to write the model")
	epochs := flag.Int("epochs", 4, "training epochs (4: best UNER EWT dev F1)")
	minAbs := flag.Float64("min-weight", 1.0, "drop features whose averaged weights are all below this")
	useBTC := flag.Bool("btc", true, "train on the Broad Twitter Corpus sections a, b, e, g, h too")
	flag.BoolVar(&useWNUT, "wnut", true, "train on WNUT-17 too (person, location, corporation and group spans)")
	flag.IntVar(&repeatClean, "repeat-clean", 1, "how many times to show the Wikipedia and GUM documents per epoch")
	flag.Parse()
	if err := run(*shared, *out, *epochs, float32(*minAbs), *useBTC); err != nil {
		slog.Error("train", "err", err)
		os.Exit(1)
	}
}

var (
	useWNUT     bool
	repeatClean = 1
)

func run(shared, out string, epochs int, minAbs float32, useBTC bool) error {
	dir := filepath.Join(shared, "bench", "ner", "train")
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("training data not found at %s (pass -shared DIR): %w", dir, err)
	}
	var docs, dev []entity.TrainDoc
	add := func(path string, tokCol, labCol int, perSentence bool, into *[]entity.TrainDoc) error {
		ss, err := corpus.ReadColumns(path, tokCol, labCol)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		*into = append(*into, group(ss, perSentence)...)
		return nil
	}
	if err := add(filepath.Join(dir, "wikigold", "wikigold.conll.txt"), 0, 1, false, &docs); err != nil {
		return err
	}
	if err := add(filepath.Join(dir, "uner-en-ewt", "en_ewt-ud-train.early-0c7ce0d.iob2"), 1, 2, false, &docs); err != nil {
		return err
	}
	if err := add(filepath.Join(dir, "uner-en-ewt", "en_ewt-ud-dev.iob2"), 1, 2, false, &dev); err != nil {
		return err
	}
	if err := add(filepath.Join(dir, "uner-en-ewt", "en_ewt-ud-test.iob2"), 1, 2, false, &docs); err != nil {
		return err
	}
	if useWNUT {
		for _, f := range []string{"wnut17train.conll", "emerging.dev.conll", "emerging.test.annotated"} {
			if err := add(filepath.Join(dir, "wnut17", f), 0, 1, true, &docs); err != nil {
				return err
			}
		}
	}
	// Wikipedia and news-like text weigh more: it is closest to articles.
	for r := 1; r < repeatClean; r++ {
		if err := add(filepath.Join(dir, "wikigold", "wikigold.conll.txt"), 0, 1, false, &docs); err != nil {
			return err
		}
	}
	gums, _ := filepath.Glob(filepath.Join(dir, "gum", "*.conllu"))
	for _, p := range gums {
		d, err := corpus.ReadGUM(p)
		if err != nil {
			return err
		}
		for r := 0; r < repeatClean; r++ {
			docs = append(docs, entity.TrainDoc{Sentences: d.Sentences})
		}
	}
	if useBTC {
		for _, sec := range []string{"a", "b", "e", "g", "h"} {
			if err := add(filepath.Join(dir, "btc", sec+".conll"), 0, 1, true, &docs); err != nil {
				return err
			}
		}
	}
	model, err := entity.Train(docs, entity.TrainOptions{Epochs: epochs, MinAbs: minAbs, Dev: dev, Log: os.Stderr, Seed: 1})
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, model, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, len(model))
	return nil
}

// group makes documents from sentences: consecutive sentences with the same
// Doc, or one document per sentence (tweets).
func group(ss []corpus.Sentence, perSentence bool) []entity.TrainDoc {
	var out []entity.TrainDoc
	for i, s := range ss {
		if perSentence || i == 0 || s.Doc != ss[i-1].Doc {
			out = append(out, entity.TrainDoc{})
		}
		out[len(out)-1].Sentences = append(out[len(out)-1].Sentences, s)
	}
	return out
}
