package extract

import "fmt"

// invalidError keeps its cause's own message while matching ErrInvalid, so
// messages read "unknown predicate …", not "invalid: unknown predicate …".
type invalidError struct{ err error }

func (e *invalidError) Error() string        { return e.err.Error() }
func (e *invalidError) Unwrap() error        { return e.err }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

// Invalidf formats an error that errors.Is reports as ErrInvalid.
func Invalidf(format string, args ...any) error {
	return &invalidError{fmt.Errorf(format, args...)}
}
