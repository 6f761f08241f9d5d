// Package sqrex is the regular-expression engine behind the Squirrel
// standard-library regexp class (the C reference calls it sqstdrex), as
// shipped with Squirrel 3.0.4 and exposed on the Electric Imp as
// regexp(pattern) with match, search, capture and subexpcount.
//
// The package owns exactly one thing: compiling a pattern in Squirrel's own
// regex dialect and running it over byte strings with the reference's
// results, quirks included. It knows nothing about the VM: the stdlib
// binding turns Search/Capture results into {begin, end} tables, raises
// Compile errors as Squirrel exceptions (the error text is the reference's
// message, verbatim) and validates argument types.
//
// # Dialect
//
// Metacharacters: \ ^ . $ | ( ) (?: ) [ ] [^ ] * + ? {n} {n,} {n,m}.
// Escapes: \t \n \r \f \v; \b and \B (boundary, see below); the classes
// \a \A (alpha), \w \W (alnum or '_'), \s \S (space), \d \D (digit),
// \x \X (hex digit), \c \C (control), \p \P (punctuation), \l (lower),
// \u (upper). Any other escaped byte is literal, so \L and \U are the
// letters L and U (the reference has no negated lower/upper class).
// Classes follow the C locale; bytes >= 0x80 belong to no class.
//
// # Reference behaviour that differs from PCRE/RE2
//
// The matcher walks a node graph without general backtracking:
//
//   - A quantifier consumes its operand repeatedly, but after each
//     repetition it peeks at the single node that follows it; as soon as
//     that node would match (and the count is within bounds) it stops. So
//     `a*a` finds "aa" in "aaa" and does not match "a" at all, and `.*b`
//     finds "ab" in "abab". Once a quantifier has returned, its choice is
//     final.
//   - Alternation takes the first branch that matches and never revisits
//     that choice: `(a|ab)c` does not match "abc".
//   - `^` is special only at the start of the pattern, of a group or of an
//     alternative; elsewhere it is a literal. A quantifier character at the
//     start of an element (`*a`, `|a`, `?`) is a literal too.
//   - search never tries the position at the end of the subject, and an
//     empty subject (or start == len) never matches, so `$` alone is not
//     found in "abc".
//   - \b is a whitespace boundary, not a \w boundary, tested between the
//     current byte and the next one (see boundary()): `\bfoo` matches at
//     the subject start but not after a space, and `o\b` finds the first
//     'o' of "foo bar".
//   - The C string terminator is part of the subject: `.`, negated sets and
//     negated classes can consume it, so an end offset can be len(s)+1,
//     and `.*` does not match "" with Match.
//   - Subjects and patterns are C strings: both stop at the first NUL.
//   - Captures record the first repetition of a group, not the last; a
//     group that ends after containing nested groups stops later sibling
//     groups from capturing; captures left behind by failed attempts are
//     reported; empty or unset captures are reported as (0, 0).
//
// The behaviour was taken from the Squirrel 3.0.4 sources
// (sqstdlib/sqstdrex.cpp and the regexp binding in sqstdstring.cpp) and the
// Electric Imp regexp documentation, and checked case by case against the
// reference compiled as a test oracle (about a million random
// pattern/subject pairs, no differences outside the cases below).
//
// # Deliberate divergences (all undefined behaviour or unbounded work in C)
//
//   - Every Match/Search/Capture call stops after StepBudget (10 million)
//     node visits and returns ErrTooComplex, which the regexp methods raise
//     as the Squirrel error "regexp: pattern too complex for the subject
//     (backtracking limit)"; the reference runs as long as the pattern
//     demands (e.g. "a*(a*(a*(a*b)))" on 200 a's). The count is
//     deterministic; everyday patterns use a few hundred visits a call.
//     Zero-width repetitions that no longer change anything are not
//     replayed (see fixedPoint), so "((a*)*)*b", which the reference
//     spins 65536*65536 times, answers at once with the same result.
//   - Consuming nodes may read the terminator at len(s) but fail beyond it;
//     the reference reads whatever memory follows.
//   - A pattern ending in a lone backslash is rejected with "letter
//     expected"; the reference reads past the pattern.
//   - Capture slots start cleared on every call; the reference keeps them
//     between calls on the same regexp (stale pointers into old strings).
//   - start < 0 or start > len(s) gives no match; the reference does
//     pointer arithmetic with it.
//   - Bytes are unsigned (ARM), which only matters for set ranges written
//     with escaped bytes >= 0x80.
package sqrex
