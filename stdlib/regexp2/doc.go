// Package regexp2 is the agent's regexp2(pattern): regular expressions in
// RE2 syntax (Go's regexp is RE2), with the methods of the standard
// regexp object: match (does the pattern match the whole string), search
// and capture (the first match at or after an optional start offset, as
// {begin, end} byte offsets in regexp's tables, base.MatchSpan; capture
// gives the whole match and then each group). A pattern over 256 characters, or one RE2 rejects, throws.
//
// Decisions where the imp documentation is silent: a negative start
// offset or one beyond the string finds nothing (null); ^ and \A match
// at the start offset; a group that
// took no part in the match is {begin = -1, end = -1}; the impCloud's
// limit of ten regexp2 objects alive at once is not enforced (objects are
// freed by the garbage collector, whose timing a program cannot see).
package regexp2
