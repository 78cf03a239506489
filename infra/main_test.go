package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

var update = flag.Bool("update", false, "rewrite testdata/logical-ids.txt from the stack")

// The stack is synthesized once for all tests (jsii starts a Node.js process; a synthesis takes
// seconds): tmpl is its template as Template_FromStack gives it, assembly the cloud assembly
// directory that `cdk synth` would write to cdk.out/.
var (
	tmpl         template
	samLocalTmpl template // the same stack with SAMLocal set
	assemblyDir  string
	stackID      = stackName(testProps.Stage)
	placeholders = map[string]bool{} // functions whose bootstrap is a stand-in (code not in the tree yet)
)

// testProps are the props the tests synthesize with; assertions compare against them.
var testProps = NewsQuotesStackProps{
	Stage:      "test",
	Schedule:   "rate(30 minutes)",
	AlarmEmail: "ops@example.com",
}

func TestMain(m *testing.M) {
	flag.Parse()
	if err := reexecWithQuietJSII(); err != nil {
		fmt.Fprintln(os.Stderr, "infra tests:", err)
		os.Exit(1)
	}
	code, err := synthOnce(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "infra tests:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func synthOnce(m *testing.M) (int, error) {
	defer jsii.Close()
	work, err := os.MkdirTemp("", "newsquotes-infra-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)

	assets, err := prepareAssets(filepath.Join(work, "assets"))
	if err != nil {
		return 0, err
	}
	ctx, err := cdkJSONContext("../cdk.json")
	if err != nil {
		return 0, err
	}
	// The CLI turns this on for `cdk synth`; SAM needs the aws:asset:path metadata it adds.
	ctx["aws:cdk:enable-asset-metadata"] = true
	app := awscdk.NewApp(&awscdk.AppProps{
		Outdir:  jsii.String(filepath.Join(work, "cdk.out")),
		Context: &ctx,
	})
	props := testProps
	props.AssetDir = assets
	stack := NewNewsQuotesStack(app, stackID, &props)
	samProps := props
	samProps.SAMLocal = true
	samStack := NewNewsQuotesStack(app, stackID+"-samlocal", &samProps)
	awscdk.Annotations_Of(samStack).AcknowledgeWarning(jsii.String("newsquotes:samLocal"),
		jsii.String("the tests synthesize the sam local variant on purpose"))
	tmpl = template(*assertions.Template_FromStack(stack, nil).ToJSON())
	samLocalTmpl = template(*assertions.Template_FromStack(samStack, nil).ToJSON())
	assemblyDir = *app.Synth(nil).Directory()
	return m.Run(), nil
}

// cdkJSONContext reads the context in cdk.json, so the tests synthesize with the same feature
// flags as `cdk synth`.
func cdkJSONContext(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg.Context, nil
}

// prepareAssets returns an asset dir with <fn>/bootstrap for every function. Binaries missing
// from ../dist are built with the Makefile target; a function whose code is not in the tree
// yet gets a placeholder script in a temporary dir (never in dist/, so synth cannot ship it).
func prepareAssets(tmp string) (string, error) {
	const root = ".."
	dist := filepath.Join(root, "dist")
	var build []string
	for _, fn := range functionNames {
		if fileExists(filepath.Join(dist, fn, "bootstrap")) {
			continue
		}
		if fileExists(filepath.Join(root, "functions", fn, "main.go")) {
			build = append(build, fn)
		} else {
			placeholders[fn] = true
		}
	}
	if len(build) > 0 {
		cmd := exec.Command("make", "-f", "infra/infra.mk", "build-lambdas-arm64", "LAMBDAS="+strings.Join(build, " "))
		cmd.Dir = root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("building %v: %w", build, err)
		}
	}
	if len(placeholders) == 0 {
		return dist, nil
	}
	for _, fn := range functionNames {
		dst := filepath.Join(tmp, fn, "bootstrap")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if placeholders[fn] {
			fmt.Fprintf(os.Stderr, "infra tests: functions/%s not in the tree: placeholder bootstrap\n", fn)
			if err := os.WriteFile(dst, []byte("#!/bin/sh\necho placeholder >&2; exit 1\n"), 0o755); err != nil {
				return "", err
			}
			continue
		}
		if err := copyFile(filepath.Join(dist, fn, "bootstrap"), dst); err != nil {
			return "", err
		}
	}
	return tmp, nil
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// template is a synthesized CloudFormation template as decoded JSON.
type template map[string]any

// resources returns the resources of one type by logical id.
func (t template) resources(typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range asMap(t["Resources"]) {
		res := asMap(r)
		if res["Type"] == typ {
			out[id] = res
		}
	}
	return out
}

// one returns the single resource of a type whose logical id starts with prefix.
func (t template) one(tb testing.TB, typ, prefix string) (string, map[string]any) {
	tb.Helper()
	var ids []string
	var found map[string]any
	for id, r := range t.resources(typ) {
		if strings.HasPrefix(id, prefix) {
			ids = append(ids, id)
			found = r
		}
	}
	if len(ids) != 1 {
		tb.Fatalf("want one %s with logical id %s*, found %v", typ, prefix, ids)
	}
	return ids[0], found
}

func props(r map[string]any) map[string]any { return asMap(r["Properties"]) }

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// ref is CloudFormation's {"Ref": id}.
func ref(id string) map[string]any { return map[string]any{"Ref": id} }

// getAttArn is {"Fn::GetAtt": [id, "Arn"]}.
func getAttArn(id string) map[string]any {
	return map[string]any{"Fn::GetAtt": []any{id, "Arn"}}
}

// jsonEqual compares decoded JSON values structurally.
func jsonEqual(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// contains reports whether v holds want anywhere in its JSON tree.
func contains(v, want any) bool {
	if jsonEqual(v, want) {
		return true
	}
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if contains(e, want) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if contains(e, want) {
				return true
			}
		}
	}
	return false
}
