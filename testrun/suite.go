package testrun

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/impvm/impvm/host"
)

// Config file names of impUnit suites: impt's, then the older impTest's.
var ConfigNames = []string{".impt.test", ".imptest"}

// DefaultTestFiles are the test file globs when a configuration names none.
var DefaultTestFiles = []string{"*.test.nut", "tests/**/*.test.nut"}

// DefaultTimeout is how long an asynchronous test may take (seconds of
// virtual time) when the configuration does not say.
const DefaultTimeout = 30

// A Suite is an impUnit-compatible test project: a directory, its
// configuration (.impt.test or .imptest) and the libraries under test.
type Suite struct {
	Dir        string   // project root: the configuration's directory
	Config     string   // path of the configuration; "" for the defaults
	TestFiles  []string // globs relative to Dir; "**" matches any depth
	DeviceFile string   // library under test on the device, relative to Dir; "" for none
	AgentFile  string   // the same on the agent
	Timeout    float64  // seconds an asynchronous test may take
	StopOnFail bool     // end the session at the first failure
	ImpType    string   // the device under test's imp type; "" to infer it from the code
	// Variables are the Builder variables of the suite's variables file
	// (impt's builderConfig, impTest's .imptest-builder), JSON-typed.
	Variables map[string]any
}

// impTestBuilderFile is impTest's Builder variables file in the project
// directory (impt names its file in the configuration's builderConfig).
const impTestBuilderFile = ".imptest-builder"

// DefaultSuite is the suite of dir when it has no configuration.
func DefaultSuite(dir string) *Suite {
	return &Suite{Dir: dir, TestFiles: DefaultTestFiles, Timeout: DefaultTimeout}
}

// FindConfig returns the configuration file of dir ("" if none).
func FindConfig(dir string) string {
	for _, n := range ConfigNames {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// LoadSuite reads an .impt.test or .imptest file: JSON that may hold
// /* */ and // comments. Keys: testFiles (impt) or tests (impTest), a glob
// or a list of globs; deviceFile and agentFile, a path or false; timeout
// in seconds; stopOnFail (impt) or stopOnFailure (impTest); impType (or
// deviceType, imp_type), the device under test's imp type. Other keys
// (device groups, GitHub credentials, ...) are for the cloud and ignored.
func LoadSuite(configPath string) (*Suite, error) {
	data, err := os.ReadFile(configPath)
	if err != nil {
		return nil, err
	}
	s := DefaultSuite(filepath.Dir(configPath))
	s.Config = configPath
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(StripJSONComments(data), &raw); err != nil {
		return nil, fmt.Errorf("%s: %v", configPath, err)
	}
	bad := func(key, want string) error {
		return fmt.Errorf("%s: %q: want %s, got %s", configPath, key, want, raw[key])
	}
	for _, key := range []string{"testFiles", "tests"} {
		if v, ok := raw[key]; ok && !isNull(v) {
			if s.TestFiles, err = stringList(v); err != nil {
				return nil, bad(key, "a glob or a list of globs")
			}
			break
		}
	}
	for key, dst := range map[string]*string{"deviceFile": &s.DeviceFile, "agentFile": &s.AgentFile} {
		v, ok := raw[key]
		if !ok || isNull(v) || string(bytes.TrimSpace(v)) == "false" {
			continue
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return nil, bad(key, "a file name or false")
		}
	}
	if v, ok := raw["timeout"]; ok && !isNull(v) {
		if err := json.Unmarshal(v, &s.Timeout); err != nil || s.Timeout <= 0 {
			return nil, bad("timeout", "a positive number of seconds")
		}
	}
	for _, key := range []string{"impType", "deviceType", "imp_type"} {
		if v, ok := raw[key]; ok && !isNull(v) {
			if err := json.Unmarshal(v, &s.ImpType); err != nil {
				return nil, bad(key, "an imp type name such as \"imp006\"")
			}
			if err := host.CheckImpType(s.ImpType); err != nil {
				return nil, fmt.Errorf("%s: %q: %v", configPath, key, err)
			}
			break
		}
	}
	for _, key := range []string{"stopOnFail", "stopOnFailure"} {
		if v, ok := raw[key]; ok && !isNull(v) {
			if err := json.Unmarshal(v, &s.StopOnFail); err != nil {
				return nil, bad(key, "true or false")
			}
		}
	}
	varsFile := ""
	if filepath.Base(configPath) == ".imptest" {
		varsFile = impTestBuilderFile
	}
	if v, ok := raw["builderConfig"]; ok && !isNull(v) {
		if err := json.Unmarshal(v, &varsFile); err != nil {
			return nil, bad("builderConfig", "the path of a JSON file of Builder variables")
		}
	}
	if s.Variables, err = loadVariables(s.Dir, varsFile); err != nil {
		return nil, err
	}
	return s, nil
}

// loadVariables reads a JSON object of Builder variables (a path relative
// to dir). A file that does not exist gives none, as impt and impTest go
// on without it.
func loadVariables(dir, file string) (map[string]any, error) {
	if file == "" {
		return nil, nil
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, file)
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var vars map[string]any
	if err := json.Unmarshal(StripJSONComments(data), &vars); err != nil {
		return nil, fmt.Errorf("%s: Builder variables: want a JSON object: %v", file, err)
	}
	return vars, nil
}

func isNull(v json.RawMessage) bool { return string(bytes.TrimSpace(v)) == "null" }

func stringList(v json.RawMessage) ([]string, error) {
	var one string
	if err := json.Unmarshal(v, &one); err == nil {
		return []string{one}, nil
	}
	var list []string
	err := json.Unmarshal(v, &list)
	return list, err
}

// StripJSONComments blanks /* */ and // comments outside JSON strings
// (newlines are kept, so decoding errors keep their line numbers).
func StripJSONComments(src []byte) []byte {
	out := make([]byte, 0, len(src))
	inString := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inString:
			out = append(out, c)
			if c == '\\' && i+1 < len(src) {
				i++
				out = append(out, src[i])
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
			out = append(out, c)
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			stop := len(src)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			for _, b := range src[i:stop] {
				if b == '\n' {
					out = append(out, '\n')
				}
			}
			out = append(out, ' ')
			i = stop - 1
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			if i < len(src) {
				out = append(out, '\n')
			}
		default:
			out = append(out, c)
		}
	}
	return out
}

// TestPaths returns the test files of the suite: the files under Dir
// matching a TestFiles glob, sorted, joined to Dir. Directories whose
// names start with "." are not searched.
func (s *Suite) TestPaths() ([]string, error) {
	var out []string
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != s.Dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(s.Dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		for _, g := range s.TestFiles {
			if matchGlob(strings.TrimPrefix(g, "./"), rel) {
				out = append(out, p)
				break
			}
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// matchGlob matches a slash-separated path against a glob in which "**"
// as a whole segment matches any number of segments (none included).
func matchGlob(glob, name string) bool {
	return matchSegments(strings.Split(glob, "/"), strings.Split(name, "/"))
}

func matchSegments(glob, name []string) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(glob[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(glob[0], name[0]); err != nil || !ok {
			return false
		}
		glob, name = glob[1:], name[1:]
	}
	return len(name) == 0
}

// Side is where a test file runs.
type Side string

// The sides.
const (
	DeviceSide Side = "device"
	AgentSide  Side = "agent"
)

// Regular expressions are compiled on first use, not at start-up.
var agentWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bagent\b`) })

// SideOf says where a test file runs: on the agent if its file name has
// "agent" as a word, otherwise on the device.
func SideOf(testFile string) Side {
	if agentWord().MatchString(filepath.Base(testFile)) {
		return AgentSide
	}
	return DeviceSide
}

// PartnerOf returns the partner file of a test file, the code that runs on
// the other side at the same time (X.agent.test.nut ↔ X.device.nut,
// X.device.test.nut ↔ X.agent.nut), or "" when there is none.
func PartnerOf(testFile string) string {
	dir, base := filepath.Split(testFile)
	for _, p := range [][2]string{{".agent.test.nut", ".device.nut"}, {".device.test.nut", ".agent.nut"}} {
		if stem, ok := strings.CutSuffix(base, p[0]); ok {
			partner := filepath.Join(dir, stem+p[1])
			if _, err := os.Stat(partner); err == nil {
				return partner
			}
			return ""
		}
	}
	return ""
}
