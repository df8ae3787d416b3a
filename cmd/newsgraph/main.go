// Command newsgraph reads news articles into a Cayley knowledge graph and
// serves a Cayley-compatible query endpoint and a visual explorer.
//
// Each subcommand lives in its own file and registers itself in commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: its one-line summary and its entry point.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout io.Writer) error
}

// commands maps a subcommand's name to it; files add to it in init.
var commands = map[string]command{}

// errUsage marks an error caused by how the command was called.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "newsgraph:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		help(stdout)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		help(stdout)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		help(os.Stderr)
		return fmt.Errorf("%w: unknown command %q", errUsage, name)
	}
	return cmd.run(ctx, args[1:], stdout)
}

func help(w io.Writer) {
	fmt.Fprintln(w, "newsgraph: a knowledge-graph explorer for news articles, on Cayley.")
	fmt.Fprintln(w, "\nUsage: newsgraph COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'newsgraph COMMAND -h' for a command's flags.")
}
