package runtime

import (
	"os/exec"
	"strings"
	"testing"
)

// The loop must stay under the Go compiler's "big function" size: past
// it the compiler lowers the inlining budget of every call the loop
// makes, and countStep, pushFrame and probeStr stop being inlined into
// it (5% more instructions on call-heavy programs, unseen by any output
// test). Anything new in the loop goes into a helper it calls.
func TestLoopIsNotABigFunction(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package")
	}
	out, err := exec.Command("go", "build", "-gcflags=-m=2", "-o", "/dev/null", ".").CombinedOutput()
	if err != nil {
		t.Skipf("go build -gcflags=-m=2: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "(*VM).loop considered 'big'") {
			t.Fatalf("%s\nmove code out of the loop into helpers", line)
		}
	}
	if !strings.Contains(string(out), "cannot inline (*VM).loop") {
		t.Skip("the compiler's diagnostics did not mention the loop")
	}
}
