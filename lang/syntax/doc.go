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
//   - The statement layer (grammar.go, parts.go, tokens.go, stmt.go): the
//     most frequent statement forms (local, return, blocks, if, function,
//     for, foreach, while) parsed by hand, and one participle grammar
//     struct per other keyword-led form, each parsed by its own participle
//     production. Their fields are parts, filled in by
//     the hand-written parser (expressions, sub-statements, statement
//     termination including the 3.0.4 if/else rule), and tokens that must
//     follow. Parts are registered with participle.ParseTypeWith as
//     closures over a grammar (parse.go): a set of participle parsers, one
//     per form, each built when a parse first meets its keyword, serving
//     one parse at a time, whose parseState the closures reach. No global
//     state joins participle and the hand-written parser; grammars are kept
//     for reuse between parses.
//   - The expression layer (expr.go, compound.go): precedence climbing,
//     building AST nodes directly, including table, array, function,
//     lambda and class literals.
//   - Compile errors found while lexing and parsing: *Error values with the
//     reference implementation's wording (spec §1.10), made by the code that
//     finds them (the lexer's error token, a part, a token type) at the
//     start of the offending token. Only the first error is reported;
//     participle's own error messages are never shown, since the grammar
//     leaves participle no token it could reject.
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
