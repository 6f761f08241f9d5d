package host

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

// CompileError is a script that does not compile.
type CompileError struct {
	Path   string
	Source []byte
	Err    error   // a *syntax.Error for parse and compile errors
	Lines  LineMap // Script.Lines: where the lines of Source came from
}

func (e *CompileError) Error() string { return e.Err.Error() }

func (e *CompileError) Unwrap() error { return e.Err }

// baseName is the name a script gives its device: the file name without
// ".device.nut" (or ".nut").
func baseName(path string) string {
	b := filepath.Base(path)
	for _, ext := range []string{".device.nut", ".nut"} {
		if s, ok := strings.CutSuffix(b, ext); ok && s != "" {
			return s
		}
	}
	return b
}

// deviceNames names one device per script: its base name, or name-1,
// name-2, ... when several devices share a name.
func deviceNames(scripts []Script) []string {
	count := map[string]int{}
	for _, s := range scripts {
		count[baseName(s.Path)]++
	}
	seen := map[string]int{}
	names := make([]string, len(scripts))
	for i, s := range scripts {
		b := baseName(s.Path)
		names[i] = b
		if count[b] > 1 {
			seen[b]++
			names[i] = b + "-" + strconv.Itoa(seen[b])
		}
	}
	return names
}

// identity derives device index i's MAC address and device ID from the
// seed: Electric Imp's OUI 0c2a69 and 24 bits that differ for every device
// of a run; the device ID is "600a" followed by the MAC, so that
// getdeviceid().slice(4) is the MAC as on an imp.
func identity(seed int64, i int) (id, mac string) {
	h := sha256.Sum256([]byte("impvm-seed-" + strconv.FormatInt(seed, 10)))
	base := uint32(h[0])<<16 | uint32(h[1])<<8 | uint32(h[2])
	mac = fmt.Sprintf("0c2a69%06x", (base+uint32(i))&0xffffff)
	return "600a" + mac, mac
}

// uuid makes a stable UUID-shaped identifier from text.
func uuid(text string) string {
	s := sha1.Sum([]byte(text))
	h := hex.EncodeToString(s[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// eiPrelude is the __EI enum impCentral inserts before compiling device
// code: impCentral's names for the product, device group and deployment.
func eiPrelude(group string, src []byte, created time.Time) []byte {
	sha := sha1.Sum(src)
	fields := []struct{ k, v string }{
		{"PRODUCT_ID", uuid("product:impvm")},
		{"PRODUCT_NAME", "impvm"},
		{"DEVICEGROUP_ID", uuid("devicegroup:" + group)},
		{"DEVICEGROUP_NAME", group},
		{"DEVICEGROUP_TYPE", "development"},
		{"DEPLOYMENT_ID", uuid("deployment:" + group + ":" + hex.EncodeToString(sha[:]))},
		{"DEPLOYMENT_SHA", hex.EncodeToString(sha[:])},
		{"DEPLOYMENT_CREATED_AT", created.UTC().Format("2006-01-02T15:04:05.000Z")},
	}
	var b strings.Builder
	b.WriteString("enum __EI {")
	for i, f := range fields {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s = \"%s\"", f.k, squirrelEscape(f.v))
	}
	b.WriteString(" }\n")
	return []byte(b.String())
}

// squirrelEscape makes s safe inside a Squirrel string literal.
func squirrelEscape(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// compileScript compiles a device script with its __EI enum.
func compileScript(s Script, created time.Time) (*runtime.Proto, error) {
	consts := compile.NewConstants()
	if _, err := compile.Source("__EI", eiPrelude(baseName(s.Path), s.Source, created), consts); err != nil {
		return nil, err
	}
	p, err := compile.Source(s.Path, s.Source, consts)
	if err != nil {
		return nil, &CompileError{Path: s.Path, Source: s.Source, Err: err, Lines: s.Lines}
	}
	return p, nil
}
