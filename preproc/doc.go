// Package preproc resolves #require lines and the Builder subset of a
// Squirrel source file before it is compiled: plain text in, text plus a
// line map out. It knows nothing of Squirrel syntax.
//
// # API
//
//	src, err := preproc.Process("device.nut", text, preproc.Options{
//		LibDirs: []string{"lib"},             // --lib DIR, repeatable
//		Defines: map[string]string{"X": "1"}, // -D X=1
//		Env:     os.LookupEnv,                // environment; also IMPVM_LIB
//		Root:    ".",                         // project root for @include
//	})
//	// src.Text: the Squirrel to compile; src.Map.Lookup(n) gives the
//	// original file and line of output line n; src.Warnings.
//
// Errors are *Error values {File, Line, Msg}, printed "file:line: msg",
// where File and Line are the original file and line of the offending
// directive (inside an included file, that file). Compile and runtime
// errors in the output map back through Source.Map, so an error on line N
// of an included file or a library names that file and line N.
//
// A file with no directive — no line starting (after blanks) with "@" or
// "#require", no "@{" anywhere — is returned unchanged, Text aliasing src,
// with IdentityMap. Files with directives keep every other line byte for
// byte (line endings included); only the main file's last line may lack a
// newline.
//
// # #require
//
// A line whose first word is #require must read
//
//	#require "Name.class.nut:1.2.3"   // optional comment
//
// The file name is any Name[.part...].nut (Name.class.nut, Name.lib.nut,
// Name.device.lib.nut, Name.agent.lib.nut, ...); the version is mandatory
// and is x.y.z, or x.y or x, which mean x.y.0 and x.0.0 as in Electric
// Imp's library system (no wildcards). The line is replaced by the library
// text, taken as is (no Builder processing, no nested #require), every
// line mapped to the library file. Like the imp: the same library file
// twice, or more than 100 #require lines, is an error. impvm does not
// insist that #require comes before other code. #require lines inside
// skipped @if branches are ignored; @{...} in a #require line is
// substituted first (Builder runs before the imp server).
//
// Library directories: Options.LibDirs (--lib, in order), then each entry
// of the IMPVM_LIB path list (read through Options.Env). In each directory
// D, in this order, the first file that exists wins:
//
//	D/Name/1.2.3/Name.class.nut     version directory
//	D/Name/v1.2.3/Name.class.nut    git tag checkout (tags are "v1.2.3")
//	D/Name@1.2.3.class.nut          versioned file
//	D/Name.class.nut                unversioned file
//	D/Name/Name.class.nut           repository checkout
//
// Directories are searched one after the other (all layouts of the first
// directory before the second), so a --lib directory overrides IMPVM_LIB.
// An unversioned match whose text declares VERSION = "x.y.z" other than
// the required version is used with a warning.
//
// A library that is not found is an error naming the directories and
// layouts searched, or "no library directories configured" when there are
// none. On a real imp #require is resolved by the server and Squirrel reads
// "#" lines as comments, so with Options.AllowMissing a missing library is
// a warning instead and the line stays (a comment): for running code whose
// libraries are not at hand. Syntax, duplicate and count errors stay
// errors.
//
// # Builder subset
//
// Directives are lines whose first non-blank text is "@" plus a directive
// name and a word boundary; other "@..." lines (a Squirrel verbatim
// string, say) are text. A line of "@" followed by a blank or nothing is a
// Builder comment and is dropped. Directive lines produce no output. A
// "//" outside a string ends a directive's expression (a comment).
//
//	@include "path"            include a file, processed recursively
//	@include once "path"       ... unless it was already processed
//	@set NAME value            NAME = value also works; value is an expression
//	@{expression}              anywhere in a line: replaced by the value
//	@if expr / @elseif expr / @else / @endif (or @end)
//	@error expr                stop with the message
//	@warning expr              add a warning
//
// @macro, @while and @repeat are not supported (an error where they would
// run; skipped @if branches may contain them), nor are member/array
// expressions or Builder's S.* string functions.
//
// Expressions follow Builder (JavaScript semantics): numbers, 'single' or
// "double" quoted strings, true, false, null; || && == != < > <= >= + - * /
// % unary ! - +, ?:, parentheses; functions defined(NAME), min, max, abs,
// include(path) (the file processed, as a string without its final
// newline), escape(v) (backslash-escapes " ' \ \b \f \n \r \t) and
// base64(v); the filter operator "v | f" (or "v | f(args)") calls f(v, args),
// binding looser than == and tighter than &&, as in Builder:
// "@{include('index.html') | escape}" pastes a file into a string literal.
// || and && return an operand; + concatenates when either side is a
// string; == is JavaScript's loose equality ("1" == 1); / or % by the
// number 0 is an error. Undefined variables are null (defined() tells);
// @{UNDEFINED} prints "null" with a warning.
//
// Variables are resolved in Builder's order: __LINE__ (line in the current
// file), __FILE__ (its base name), __PATH__ (its absolute directory); then
// -D defines; then @set variables; then the environment. -D and
// environment values are strings, so "0" is true in @if, as in Builder.
// @set variables are global across included files.
//
// @include paths are expressions ("__PATH__ + \"/../x.nut\"" works). A
// relative path is looked for relative to the including file's directory,
// then relative to Options.Root (default: the current directory); an
// absolute path is used as is. Included files are processed with their
// own __FILE__/__PATH__, and their lines map to themselves. Including a
// file that is being included is an "include cycle: a.nut -> b.nut ->
// a.nut" error; nesting is limited to 64 levels and the whole run to
// 10000 includes and 64 MiB of output.
//
// Remote includes: impvm does not download. "github:owner/repo/path[@ref]",
// and the same file named by its URL
// "https://raw.githubusercontent.com/owner/repo/ref/path" (as Builder
// fetches it), are read from a vendored copy, searched in
// each library directory D (LibDirs, then IMPVM_LIB) as
//
//	D/github/owner/repo@ref/path    when a ref is given (and has no "/")
//	D/github/owner/repo/path
//
// and are an error naming the places searched when absent; any other
// http(s):// include is an error. GitHub ignores the
// case of owner and repository names, so a directory whose owner or repo
// differs from the include only in case serves too (the path inside keeps
// its case).
package preproc
