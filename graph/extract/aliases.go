package extract

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ErrInvalid marks input that is malformed or breaks a rule of the schema.
var ErrInvalid = errors.New("invalid")

// LineError locates an error in an input file. It wraps ErrInvalid-style
// causes so errors.Is works through it.
type LineError struct {
	File string
	Line int // 1-based
	Col  int // 1-based column (field number for TSV); 0 when unknown
	Err  error
}

func (e *LineError) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// Alias is one row of an alias table: an entity's canonical name, its type
// and the surface forms that name it.
type Alias struct {
	Name  string
	Type  string
	Forms []string
}

// AliasHeader is the header row of an alias table file.
var AliasHeader = []string{"name", "type", "aliases"}

// ParseAliases reads an alias table in TSV: a header row "name type aliases",
// then one entity a line; the aliases column holds surface forms separated by
// "|". Blank lines and lines starting with "#" are skipped. The first bad
// line fails the whole table with a *LineError naming file and line.
func ParseAliases(r io.Reader, file string) ([]Alias, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var out []Alias
	seen := map[string]int{}
	line := 0
	header := false
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if col := BadUTF8Field(text); col > 0 {
			return nil, &LineError{File: file, Line: line, Col: col, Err: Invalidf("not valid UTF-8")}
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if !header {
			header = true
			if strings.EqualFold(strings.TrimSpace(fields[0]), "name") {
				continue
			}
		}
		bad := func(col int, format string, args ...any) error {
			return &LineError{File: file, Line: line, Col: col, Err: Invalidf(format, args...)}
		}
		if len(fields) < 2 || len(fields) > 3 {
			return nil, bad(0, "want 2 or 3 tab-separated fields (name, type, aliases), got %d", len(fields))
		}
		a := Alias{Name: strings.TrimSpace(fields[0]), Type: strings.TrimSpace(fields[1])}
		if a.Name == "" {
			return nil, bad(1, "empty name")
		}
		if !IsEntityType(a.Type) {
			return nil, bad(2, "unknown type %q (want one of %s)", a.Type, strings.Join(EntityTypes, ", "))
		}
		if len(fields) == 3 {
			for _, f := range strings.Split(fields[2], "|") {
				if f = strings.TrimSpace(f); f != "" && f != a.Name {
					a.Forms = append(a.Forms, f)
				}
			}
		}
		key := IRI(a.Type, a.Name)
		if prev, ok := seen[key]; ok {
			return nil, bad(1, "%q is already defined on line %d", a.Name, prev)
		}
		seen[key] = line
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return out, nil
}

// BadUTF8Field returns the 1-based tab-separated field of line that holds
// the first byte that is not valid UTF-8, or 0 when the line is valid.
func BadUTF8Field(line string) int {
	if utf8.ValidString(line) {
		return 0
	}
	for i, f := range strings.Split(line, "\t") {
		if !utf8.ValidString(f) {
			return i + 1
		}
	}
	return 1
}
