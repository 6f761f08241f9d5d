package syntax

import (
	"sync"

	"github.com/alecthomas/participle/v2/lexer"
)

// The lexer's tokens are participle's (lexer.Token): the parser reads
// them one at a time from the lexer, and hands the few tokens of a const or
// enum statement to that form's participle grammar (grammar.go). These
// names are the package's own for participle's types.
type (
	token     = lexer.Token
	tokenType = lexer.TokenType
	position  = lexer.Position
)

// Token types produced by the lexer. Every keyword and punctuator has its own
// type so that the expression parser can dispatch on integers.
const (
	tkEOF     tokenType = lexer.EOF
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

// tokenText is the source text of every punctuator and keyword type (an
// array literal: static data, nothing built when the process starts).
var tokenText = [tkLast]string{
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

// keyword is the type of the keyword spelt s, or tkIdent. A switch
// rather than a map: Go compiles it to a search by length and text, with
// nothing to build at start-up (TestLexIdentifiersAndKeywords checks it
// against tokenText).
func keyword(s string) tokenType {
	switch s {
	case "while":
		return kwWhile
	case "do":
		return kwDo
	case "if":
		return kwIf
	case "else":
		return kwElse
	case "break":
		return kwBreak
	case "continue":
		return kwContinue
	case "return":
		return kwReturn
	case "null":
		return kwNull
	case "function":
		return kwFunction
	case "local":
		return kwLocal
	case "for":
		return kwFor
	case "foreach":
		return kwForeach
	case "in":
		return kwIn
	case "typeof":
		return kwTypeof
	case "base":
		return kwBase
	case "delete":
		return kwDelete
	case "try":
		return kwTry
	case "catch":
		return kwCatch
	case "throw":
		return kwThrow
	case "clone":
		return kwClone
	case "yield":
		return kwYield
	case "resume":
		return kwResume
	case "switch":
		return kwSwitch
	case "case":
		return kwCase
	case "default":
		return kwDefault
	case "this":
		return kwThis
	case "class":
		return kwClass
	case "extends":
		return kwExtends
	case "constructor":
		return kwConstructor
	case "instanceof":
		return kwInstanceof
	case "true":
		return kwTrue
	case "false":
		return kwFalse
	case "static":
		return kwStatic
	case "enum":
		return kwEnum
	case "const":
		return kwConst
	}
	return tkIdent
}

// symbols is what the lexer Definition reports to participle: symbolic names
// for the token classes, plus one "P_<n>"/"K_<text>"-style name per fixed
// token (participle only needs the names to be unique). It is made when
// participle first asks (a statement form's parser is built), not when
// the process starts.
var symbols = sync.OnceValue(func() map[string]tokenType {
	m := map[string]tokenType{
		"EOF": tkEOF, "Error": tkError, "Ident": tkIdent,
		"Int": tkInt, "Float": tkFloat, "String": tkString, "Other": tkOther,
	}
	for t, text := range tokenText {
		switch {
		case text == "":
		case isKeyword(tokenType(t)):
			m["K_"+text] = tokenType(t)
		default:
			m["P_p"+itoa(t)] = tokenType(t)
		}
	}
	return m
})

// isKeyword reports whether t is a keyword token type.
func isKeyword(t tokenType) bool { return t > tkFirstKeyword && t < tkLast }
