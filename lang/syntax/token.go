package syntax

// A token is one lexeme of the source: its type, its text (for a
// punctuator or keyword the static text of its type, else a substring of
// the source; for tkError the lexer's message), where it starts, and
// whether a line feed (outside block comments) precedes it: line feeds are
// not tokens, but Squirrel's statement rules depend on them.
type token struct {
	Type  tokenType
	Value string
	Pos   position
	nl    bool
}

// A tokenType is a token's kind.
type tokenType int32

// position is where a token starts: 1-based line and byte column.
type position struct{ Line, Column int32 }

// Token types produced by the lexer. Every keyword and punctuator has its own
// type so that the expression parser can dispatch on integers.
const (
	tkEOF     tokenType = -1
	tkNewline tokenType = -2 // pseudo type, never produced: see prevToken

	tkError  tokenType = iota // a lexer error; Value is the message
	tkIdent                   // identifier
	tkInt                     // integer or character literal (Value is the source text)
	tkFloat                   // float literal (Value is the source text)
	tkString                  // "..." or @"..." (Value is the source text)
	tkOther                   // any other single byte, e.g. '$'

	// punctuators
	tkLBrace    // {
	tkRBrace    // }
	tkLParen    // (
	tkRParen    // )
	tkLBrack    // [
	tkRBrack    // ]
	tkSemi      // ;
	tkComma     // ,
	tkQuestion  // ?
	tkColon     // :
	tkDColon    // ::
	tkDot       // .
	tkEllipsis  // ...
	tkAt        // @
	tkTilde     // ~
	tkCaret     // ^
	tkPlus      // +
	tkInc       // ++
	tkPlusEq    // +=
	tkMinus     // -
	tkDec       // --
	tkMinusEq   // -=
	tkStar      // *
	tkStarEq    // *=
	tkSlash     // /
	tkSlashEq   // /=
	tkPercent   // %
	tkPercentEq // %=
	tkAssign    // =
	tkEq        // ==
	tkNot       // !
	tkNe        // !=
	tkLt        // <
	tkLe        // <=
	tkCmp3      // <=>
	tkShl       // <<
	tkNewSlot   // <-
	tkAttrOpen  // </
	tkGt        // >
	tkGe        // >=
	tkShr       // >>
	tkUShr      // >>>
	tkAttrClose // />
	tkAmp       // &
	tkAndAnd    // &&
	tkPipe      // |
	tkOrOr      // ||
	tkFirstKeyword

	// keywords (3.0.4)
	kwWhile
	kwDo
	kwIf
	kwElse
	kwBreak
	kwContinue
	kwReturn
	kwNull
	kwFunction
	kwLocal
	kwFor
	kwForeach
	kwIn
	kwTypeof
	kwBase
	kwDelete
	kwTry
	kwCatch
	kwThrow
	kwClone
	kwYield
	kwResume
	kwSwitch
	kwCase
	kwDefault
	kwThis
	kwClass
	kwExtends
	kwConstructor
	kwInstanceof
	kwTrue
	kwFalse
	kwStatic
	kwEnum
	kwConst
	tkLast
)

// tokenText is the source text of every punctuator and keyword type.
var tokenText = map[tokenType]string{
	tkLBrace: "{", tkRBrace: "}", tkLParen: "(", tkRParen: ")", tkLBrack: "[",
	tkRBrack: "]", tkSemi: ";", tkComma: ",", tkQuestion: "?", tkColon: ":",
	tkDColon: "::", tkDot: ".", tkEllipsis: "...", tkAt: "@", tkTilde: "~",
	tkCaret: "^", tkPlus: "+", tkInc: "++", tkPlusEq: "+=", tkMinus: "-",
	tkDec: "--", tkMinusEq: "-=", tkStar: "*", tkStarEq: "*=", tkSlash: "/",
	tkSlashEq: "/=", tkPercent: "%", tkPercentEq: "%=", tkAssign: "=",
	tkEq: "==", tkNot: "!", tkNe: "!=", tkLt: "<", tkLe: "<=", tkCmp3: "<=>",
	tkShl: "<<", tkNewSlot: "<-", tkAttrOpen: "</", tkGt: ">", tkGe: ">=",
	tkShr: ">>", tkUShr: ">>>", tkAttrClose: "/>", tkAmp: "&", tkAndAnd: "&&",
	tkPipe: "|", tkOrOr: "||",

	kwWhile: "while", kwDo: "do", kwIf: "if", kwElse: "else", kwBreak: "break",
	kwContinue: "continue", kwReturn: "return", kwNull: "null",
	kwFunction: "function", kwLocal: "local", kwFor: "for",
	kwForeach: "foreach", kwIn: "in", kwTypeof: "typeof", kwBase: "base",
	kwDelete: "delete", kwTry: "try", kwCatch: "catch", kwThrow: "throw",
	kwClone: "clone", kwYield: "yield", kwResume: "resume",
	kwSwitch: "switch", kwCase: "case", kwDefault: "default", kwThis: "this",
	kwClass: "class", kwExtends: "extends", kwConstructor: "constructor",
	kwInstanceof: "instanceof", kwTrue: "true", kwFalse: "false",
	kwStatic: "static", kwEnum: "enum", kwConst: "const",
}

// fixedText is tokenText as an array, for the lexer's hot path.
var fixedText = func() (a [tkLast]string) {
	for t, text := range tokenText {
		a[t] = text
	}
	return a
}()

// keywords maps keyword text to its token type.
var keywords = func() map[string]tokenType {
	m := make(map[string]tokenType)
	for t := tkFirstKeyword + 1; t < tkLast; t++ {
		m[tokenText[t]] = t
	}
	return m
}()

// isKeyword reports whether t is a keyword token type.
func isKeyword(t tokenType) bool { return t > tkFirstKeyword && t < tkLast }
