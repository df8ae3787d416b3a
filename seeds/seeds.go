// Package seeds embeds the first corpus: the seed articles, the hand-curated
// triples and the alias table, so the binary can seed a store from anywhere.
package seeds

import "embed"

// FS holds articles/*.txt, curated.tsv and aliases.tsv.
//
//go:embed articles/*.txt curated.tsv aliases.tsv
var FS embed.FS
