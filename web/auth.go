package web

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// Token is a bearer token that may change the graph, with the name the
// audit log records for it.
type Token struct {
	Name   string
	Secret string
}

// ParseTokens reads a token file: one token a line, either "NAME:SECRET" or
// a bare SECRET (named "admin"). Blank lines and lines starting with "#"
// are skipped. Secrets shorter than 16 characters are refused.
func ParseTokens(r io.Reader, file string) ([]Token, error) {
	var out []Token
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		t := Token{Name: "admin", Secret: text}
		if name, secret, ok := strings.Cut(text, ":"); ok {
			t = Token{Name: strings.TrimSpace(name), Secret: strings.TrimSpace(secret)}
		}
		if len(t.Secret) < 16 {
			return nil, graph.Invalidf("%s:%d: token is too short (want at least 16 characters)", file, line)
		}
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return out, nil
}

// tokenName is the context key of the authenticated token's name.
const tokenName = "newsgraph.token"

// requireToken lets a request through only with a valid
// "Authorization: Bearer TOKEN". With no token configured the server is
// read-only and every write is refused with 403.
func requireToken(tokens []Token) echo.MiddlewareFunc {
	// Compare fixed-length digests in constant time, so neither the
	// secret's bytes nor its length leak through timing.
	digests := make([][32]byte, len(tokens))
	for i, t := range tokens {
		digests[i] = sha256.Sum256([]byte(t.Secret))
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if len(tokens) == 0 {
				return echo.NewHTTPError(http.StatusForbidden, "the server is read-only: start it with --token-file or NEWSGRAPH_TOKEN to allow writes")
			}
			auth := c.Request().Header.Get(echo.HeaderAuthorization)
			secret, ok := strings.CutPrefix(auth, "Bearer ")
			if !ok || secret == "" {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="newsgraph"`)
				return echo.NewHTTPError(http.StatusUnauthorized, "Authorization: Bearer TOKEN required to change the graph")
			}
			d := sha256.Sum256([]byte(secret))
			match := -1
			for i := range digests {
				if subtle.ConstantTimeCompare(d[:], digests[i][:]) == 1 {
					match = i
				}
			}
			if match < 0 {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="newsgraph", error="invalid_token"`)
				return echo.NewHTTPError(http.StatusUnauthorized, "invalid token")
			}
			c.Set(tokenName, tokens[match].Name)
			return next(c)
		}
	}
}
