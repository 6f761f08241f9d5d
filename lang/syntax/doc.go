// Package syntax is the front end of impvm: the Squirrel 3.0.4 lexer, the
// parser and the abstract syntax tree (as Electric Imp runs the language).
//
// What it owns:
//
//   - ast.go: the AST contract shared with the compiler. Every node carries
//     a 1-based line and byte column. Inspect walks it; Dump renders it as
//     S-expressions for golden tests (testdata/*.golden).
//   - The hand-written lexer (lexer.go, literal.go, token.go). It makes one
//     token at a time; line feeds are not tokens: each token records
//     whether a line feed precedes it, and the parser applies Squirrel's
//     newline rules with that.
//   - The parser (state.go, parse.go, stmt.go, parts.go, expr.go,
//     compound.go): recursive descent over the tokens with one token of
//     lookahead and what it needs of the previous one (its type, its
//     line), never backing up, so no token buffer is kept. Statements are
//     dispatched on their first token (keywordStatement); expressions use
//     precedence climbing and build AST nodes directly, including table,
//     array, function, lambda and class literals. (Until session 8 the
//     tokens went through participle's PeekingLexer and const and enum
//     were participle productions: a token array of 64 bytes per token
//     and a participle parser built per form on first use.)
//   - Compile errors found while lexing and parsing: *Error values with the
//     reference implementation's wording (spec §1.10), made by the code that
//     finds them (the lexer's error token or the parser) at the start of
//     the offending token. Only the first error is reported.
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
