// Package syntax is the front end of impvm: the Squirrel 3.0.4 lexer, the
// parser and the abstract syntax tree (as Electric Imp runs the language).
//
// What it owns:
//
//   - ast.go: the AST contract shared with the compiler. Every node carries
//     a 1-based line and byte column. Inspect walks it; Dump renders it as
//     S-expressions for golden tests (testdata/*.golden).
//   - The hand-written lexer (lexer.go, literal.go, token.go), plugged into
//     participle through lexer.Definition. Line feeds are not tokens: the
//     lexer records which tokens follow a line feed (Lexer.NewlineBefore),
//     and the parser applies Squirrel's newline rules with that.
//   - The statement layer (grammar.go, parseables.go, stmt.go): one
//     participle grammar struct per keyword-led statement form, each parsed
//     by its own participle production, plus custom participle.Parseable
//     types for statement termination (including the 3.0.4 if/else rule),
//     sub-statements, nesting limits and the parts the hand-written parser
//     handles.
//   - The expression layer (expr.go, compound.go): precedence climbing
//     behind participle.Parseable types, building AST nodes directly,
//     including table, array, function, lambda and class literals.
//   - Compile errors found while lexing and parsing: *Error values with the
//     reference implementation's wording (spec §1.10), positioned at the
//     start of the offending token. Only the first error is reported.
//
// What it does not own: scopes and name resolution (locals, free
// variables, constants and enums), break/continue placement, and the
// checks that need them ("can't 'create' a local slot", a class declared in
// a local, deleting a local). Those belong to the compiler.
//
// Deliberate choices where the reference is ambiguous or unknown are noted
// where they are made: the else branch of an if only needs a terminator
// when it does not end with '}' (the 3.1 source; the 3.0.4 source could not
// be checked), character literals above 127 are unsigned (the imp's ARM
// char), and nesting deeper than 1000 levels is an error.
package syntax
