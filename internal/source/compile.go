package source

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"time"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

// CompileError is a script that does not compile.
type CompileError struct {
	Path   string
	Source []byte  // the text compiled (preprocessed)
	Err    error   // a *syntax.Error for parse and compile errors
	Lines  LineMap // where the lines of Source came from; nil: Source is the file Path
}

func (e *CompileError) Error() string { return e.Err.Error() }

func (e *CompileError) Unwrap() error { return e.Err }

// Compile compiles text, the script path (preprocessed: lines maps it to
// its original files, or is nil), with the constants and enums of consts
// in scope (nil: none). An error is a *CompileError.
func Compile(path string, text []byte, lines LineMap, consts *compile.Constants) (*runtime.Proto, error) {
	return CompileCover(path, text, lines, consts, nil)
}

// CompileCover is Compile with line coverage: the code counts the runs of
// its statements and is registered with cov (nil: no coverage, as Compile).
func CompileCover(path string, text []byte, lines LineMap, consts *compile.Constants, cov *cover.Profile) (*runtime.Proto, error) {
	p, err := compile.SourceWith(path, text, consts, compile.Options{Cover: cov != nil})
	if err != nil {
		return nil, &CompileError{Path: path, Source: text, Err: err, Lines: lines}
	}
	if cov != nil {
		cov.Add(p, path, lines)
	}
	return p, nil
}

// Deployment is what impCentral knows of the code it deploys to a device
// group, which it gives the code as the __EI enum.
type Deployment struct {
	Group      string    // the device group's name
	DeviceCode []byte    // the group's device code (its SHA identifies the deployment)
	Created    time.Time // when the deployment was made
}

// CompileDeployed compiles device or agent code as impCentral does: with
// the deployment's __EI enum in scope. An error in the code is a
// *CompileError. With cov, it counts line coverage (see CompileCover).
func CompileDeployed(path string, text []byte, lines LineMap, d Deployment, cov *cover.Profile) (*runtime.Proto, error) {
	consts := compile.NewConstants()
	consts.DefineEnum("__EI", d.enum())
	return CompileCover(path, text, lines, consts, cov)
}

// enum is the members of the __EI enum: impCentral's names for the
// product, device group and deployment.
func (d Deployment) enum() map[string]runtime.Value {
	sha := sha1.Sum(d.DeviceCode)
	members := map[string]string{
		"PRODUCT_ID":            uuid("product:impvm"),
		"PRODUCT_NAME":          "impvm",
		"DEVICEGROUP_ID":        uuid("devicegroup:" + d.Group),
		"DEVICEGROUP_NAME":      d.Group,
		"DEVICEGROUP_TYPE":      "development",
		"DEPLOYMENT_ID":         uuid("deployment:" + d.Group + ":" + hex.EncodeToString(sha[:])),
		"DEPLOYMENT_SHA":        hex.EncodeToString(sha[:]),
		"DEPLOYMENT_CREATED_AT": d.Created.UTC().Format("2006-01-02T15:04:05.000Z"),
	}
	enum := make(map[string]runtime.Value, len(members))
	for k, v := range members {
		enum[k] = runtime.Str(squirrelEscape(v))
	}
	return enum
}

// uuid makes a stable UUID-shaped identifier from text.
func uuid(text string) string {
	s := sha1.Sum([]byte(text))
	h := hex.EncodeToString(s[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// squirrelEscape replaces the characters a Squirrel string literal could
// not hold as they are (quote, backslash, control characters) with '_', as
// the enum's values have been since it was compiled from source.
func squirrelEscape(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}
