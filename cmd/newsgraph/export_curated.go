package main

// `newsgraph export curated`: the curated state written back as
// curated.tsv and aliases.tsv, in the formats of seeds/ (docs/schema.md),
// so that a curation session can be reviewed in git.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"newsgraph/graph"
)

func init() {
	exportFormats["curated"] = exportFormat{
		summary: "the curated state as curated.tsv and aliases.tsv (the seeds/ formats) in --out DIR",
		flags: func(fs *flag.FlagSet) {
			fs.String("out", ".", "directory to write curated.tsv and aliases.tsv to; files already there give the order, spelling and notes of the lines that stay")
			fs.Bool("fresh", false, "ignore the files already in --out: write every line anew, sorted")
		},
		run: runExportCurated,
	}
}

func runExportCurated(ctx context.Context, store *graph.Store, fs *flag.FlagSet, stdout io.Writer) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: export curated takes no arguments (got %q)", errUsage, fs.Arg(0))
	}
	dir := fs.Lookup("out").Value.String()
	fresh := fs.Lookup("fresh").Value.String() == "true"
	if dir == "" {
		return fmt.Errorf("%w: --out needs a directory", errUsage)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export curated: %w", err)
	}
	curatedPath, aliasesPath := filepath.Join(dir, "curated.tsv"), filepath.Join(dir, "aliases.tsv")
	var opts graph.ExportCuratedOptions
	if !fresh {
		var err error
		if opts.Curated, err = readIfExists(curatedPath); err != nil {
			return err
		}
		if opts.Aliases, err = readIfExists(aliasesPath); err != nil {
			return err
		}
	}
	out, err := store.ExportCurated(ctx, opts)
	if err != nil {
		return err
	}
	if err := writeLinesFile(aliasesPath, out.Aliases); err != nil {
		return err
	}
	if err := writeLinesFile(curatedPath, out.Curated); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d curated facts to %s and %d entities to %s\n", out.Facts, curatedPath, out.Entities, aliasesPath)
	return nil
}

func readIfExists(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("export curated: %w", err)
	}
	return data, nil
}

// writeLinesFile writes lines to path through a temporary file, so an
// interrupted export leaves the old file whole.
func writeLinesFile(path string, lines []string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export curated: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := graph.WriteTSV(tmp, lines); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
