package syntax

import (
	"sync"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types produced by the lexer. Every keyword and punctuator has its own
// type so that the expression parser can dispatch on integers; the grammar in
// grammar.go matches them by their text.
const (
	tkEOF     lexer.TokenType = lexer.EOF
	tkNewline lexer.TokenType = -2 // pseudo type, never produced: see prevToken

	tkError  lexer.TokenType = iota // a lexer error; Value is the message
	tkIdent                         // identifier
	tkInt                           // integer or character literal (Value is the source text)
	tkFloat                         // float literal (Value is the source text)
	tkString                        // "..." or @"..." (Value is the source text)
	tkOther                         // any other single byte, e.g. '$'

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
var tokenText = map[lexer.TokenType]string{
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
var keywords = func() map[string]lexer.TokenType {
	m := make(map[string]lexer.TokenType)
	for t := tkFirstKeyword + 1; t < tkLast; t++ {
		m[tokenText[t]] = t
	}
	return m
}()

// symbols is what the lexer Definition reports to participle: symbolic names
// for the token classes, plus one "P_<text>"/"K_<text>"-style name per fixed
// token (participle only needs the names to be unique). It is made when
// participle first asks (a statement form's parser is built), not when
// the process starts.
var symbols = sync.OnceValue(func() map[string]lexer.TokenType {
	m := map[string]lexer.TokenType{
		"EOF": tkEOF, "Error": tkError, "Ident": tkIdent,
		"Int": tkInt, "Float": tkFloat, "String": tkString, "Other": tkOther,
	}
	for t, text := range tokenText {
		if isKeyword(t) {
			m["K_"+text] = t
		} else {
			m["P_"+punctName(t)] = t
		}
	}
	return m
})

func punctName(t lexer.TokenType) string {
	return "p" + itoa(int(t))
}

// isKeyword reports whether t is a keyword token type.
func isKeyword(t lexer.TokenType) bool { return t > tkFirstKeyword && t < tkLast }
