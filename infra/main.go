// Command infra is the CDK app that defines the newsquotes stack. `make synth` builds it once
// into .tools/bin/infra-app and cdk.json runs that binary.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	if err := reexecWithQuietJSII(); err != nil {
		fmt.Fprintln(os.Stderr, "infra:", err)
		os.Exit(1)
	}
	defer jsii.Close()

	app := awscdk.NewApp(nil)
	props := propsFromContext(app)
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "infra:", err)
		os.Exit(1)
	}
	props.AssetDir = filepath.Join(root, "dist")
	if dir, ok := app.Node().TryGetContext(jsii.String("assetDir")).(string); ok && dir != "" {
		props.AssetDir = dir
		if !filepath.IsAbs(dir) {
			props.AssetDir = filepath.Join(root, dir)
		}
	}
	if err := checkAssets(props.AssetDir); err != nil {
		fmt.Fprintln(os.Stderr, "infra:", err)
		os.Exit(1)
	}
	NewNewsQuotesStack(app, stackName(props.withDefaults().Stage), props)
	app.Synth(nil)
}

// stackName gives each stage its own stack, so dev and prod can share an account.
func stackName(stage string) string { return "NewsQuotes-" + stage }

// quietJSIIEnv keeps jsii from printing a banner about the machine's Node.js 20 (end of life,
// still working) and turns off CDK telemetry.
var quietJSIIEnv = map[string]string{
	"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
	"CDK_DISABLE_CLI_TELEMETRY":                     "true",
}

// reexecWithQuietJSII sets quietJSIIEnv and, when something was missing, re-executes the
// program: the jsii runtime captures the environment for its Node.js process while the CDK
// packages initialise, before main runs, so setting it now would be too late.
func reexecWithQuietJSII() error {
	missing := false
	for k, v := range quietJSIIEnv {
		if _, ok := os.LookupEnv(k); !ok {
			os.Setenv(k, v)
			missing = true
		}
	}
	if !missing {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, os.Environ())
}

// propsFromContext reads the settings a deployer may change with `-c key=value` or in
// cdk.json: stage, schedule, alarmEmail, logLevel, userAgent, samLocal (and assetDir, read in
// main).
func propsFromContext(app awscdk.App) *NewsQuotesStackProps {
	str := func(key string) string {
		v := app.Node().TryGetContext(jsii.String(key))
		if s, ok := v.(string); ok {
			return s
		}
		return ""
	}
	return &NewsQuotesStackProps{
		Stage:      str("stage"),
		Schedule:   str("schedule"),
		AlarmEmail: str("alarmEmail"),
		LogLevel:   str("logLevel"),
		UserAgent:  str("userAgent"),
		SAMLocal:   str("samLocal") == "true" || app.Node().TryGetContext(jsii.String("samLocal")) == true,
	}
}

// repoRoot is the nearest directory at or above the working directory holding cdk.json: the
// CLI runs the app from there, `go run .` from infra/.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "cdk.json")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no cdk.json in the working directory or above it")
		}
		dir = parent
	}
}

// checkAssets fails early, with the fix, when a function's binary has not been built.
func checkAssets(dir string) error {
	for _, fn := range functionNames {
		bootstrap := filepath.Join(dir, fn, "bootstrap")
		if _, err := os.Stat(bootstrap); err != nil {
			return fmt.Errorf("%s missing: run `make build-lambdas-arm64` first", bootstrap)
		}
	}
	return nil
}
