// Command quotes runs newsquotes on a laptop: the same extraction, collection
// and API code the Lambdas run, as subcommands.
//
//	quotes extract [--text] [--url URL] [--workers N] [PATH|URL|-]...
//	quotes eval    [--shared DIR] [SUITE]...
//	quotes crawl   one collection and extraction into DynamoDB Local
//	quotes run     the local stack: DynamoDB Local, a collection, the API
//	quotes serve   the HTTP API on localhost
//	quotes reextract  after an extractor upgrade, re-extract older articles
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain(os.Stdin, os.Stdout, os.Stderr)
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0) // the flag set printed the usage asked for
		}
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(os.Stderr, "quotes:", err)
		}
		os.Exit(1)
	}
}

// errSilent marks a failure already reported to the user.
var errSilent = errors.New("failed")

// Main is the program as a value, so tests can run it with their own streams.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	commands       map[string]command
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

// NewMain returns a program reading and writing the given streams.
func NewMain(stdin io.Reader, stdout, stderr io.Writer) *Main {
	m := &Main{Stdin: stdin, Stdout: stdout, Stderr: stderr, commands: map[string]command{}}
	for name, c := range commands {
		m.commands[name] = c
	}
	return m
}

// commands is filled by each subcommand's file.
var commands = map[string]command{}

// Run dispatches to a subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return errSilent
		}
		return nil
	}
	c, ok := m.commands[args[0]]
	if !ok {
		m.usage(m.Stderr)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return c.run(ctx, m, args[1:])
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `quotes finds who said what in news articles.

Usage:
  quotes <command> [flags] [arguments]

Commands:
`)
	names := make([]string, 0, len(m.commands))
	for n := range m.commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, m.commands[n].summary)
	}
	fmt.Fprint(w, "\nRun 'quotes <command> -h' for a command's flags.\n")
}

// newFlagSet returns a flag set that prints its usage to the program's stderr.
func (m *Main) newFlagSet(name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: quotes %s %s\n\n%s\n\nFlags:\n", name, synopsis, description)
		fs.PrintDefaults()
	}
	return fs
}
