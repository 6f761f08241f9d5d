// Package syntax is the front end of impvm: the Squirrel 3.0.4 lexer, the
// parser and the abstract syntax tree (as Electric Imp runs the language).
//
// What it owns:
//
//   - ast.go: the AST contract shared with the compiler. Every node carries
//     a 1-based line and byte column. Inspect walks it; Dump renders it as
//     S-expressions for golden tests (testdata/*.golden).
//   - The hand-written lexer (lexer.go, literal.go, token.go), a participle
//     lexer.Definition making participle's lexer.Token, one at a time.
//     Line feeds are not tokens: after each token the lexer reports
//     whether a line feed preceded it (Lexer.NewlineBefore), and the parser
//     applies Squirrel's newline rules with that.
//   - The hand-written parser (state.go, parse.go, stmt.go, parts.go,
//     expr.go, compound.go): recursive descent with one token of lookahead
//     and what it needs of the previous token (its type, its line), never
//     backing up, so no token buffer is kept. Statements are dispatched on
//     their first token (keywordStatement); expressions use precedence
//     climbing and build AST nodes directly, including table, array,
//     function, lambda and class literals.
//   - The participle statement forms, const and enum (grammar.go, parts.go,
//     tokens.go, window.go): one grammar struct each, built into a
//     participle parser the first time a parse meets its keyword, that
//     reads the statement's window of tokens (its keyword up to the last
//     token it can look at). Their fields are parts, filled in by the
//     hand-written parser replaying the window (a scalar, an enum member,
//     the end of the statement), and tokens that must follow. Parts are
//     registered with participle.ParseTypeWith as closures over a grammar
//     (parse.go) serving one parse at a time, whose parseState the
//     closures reach; grammars are kept for reuse between parses.
//   - Compile errors found while lexing and parsing: *Error values with the
//     reference implementation's wording (spec §1.10), made by the code that
//     finds them (the lexer's error token, the parser, a part, a token
//     type) at the start of the offending token. Only the first error is
//     reported; participle's own error messages are never shown, since the
//     grammar leaves participle no token it could reject.
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
