// Package syntax owns the front end of impvm: the Squirrel 3.0.4 lexer, the
// parser and the abstract syntax tree.
//
// What it owns:
//
//   - ast.go: the AST contract shared with the compiler (every node carries a
//     1-based line and byte column).
//   - The hand-written lexer (lexer.go, literal.go). It plugs into participle
//     through participle's lexer.Definition interface and produces tokens
//     whose types are defined in token.go. Newlines are emitted as elided
//     NL tokens so that the parser can apply Squirrel's newline rules.
//   - The statement layer (grammar.go): participle grammar structs, one per
//     statement form, plus custom participle.Parseable types for the parts
//     that need Squirrel's exact rules (statement separators, 3.0.4 if/else
//     termination, nesting limits).
//   - The expression layer (expr.go, compound.go): a precedence-climbing
//     parser implemented as participle.Parseable types that build AST
//     nodes directly, including table, array, function and class literals.
//   - Compile errors raised while lexing and parsing, as *Error values with
//     the reference implementation's wording (spec §1.10).
//   - Dump, an S-expression rendering of the AST used by golden tests, and
//     Inspect, a generic AST walker.
//
// What it does not own: name resolution (locals, free variables, constants),
// break/continue placement, "local" checks on class and delete targets and
// everything else that needs scopes. Those belong to the compiler.
package syntax
