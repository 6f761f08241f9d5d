package host

import (
	"fmt"
	"slices"
	"strings"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/stdlib/hardware"
)

// interfaceLiterals maps the network interface names device code passes
// to imp.net.open ({interface = "eth0"} or {"interface": "eth0"}: the
// value of an interface slot) to the interface kind an imp type must have.
var interfaceLiterals = map[string]string{
	`"eth0"`: imptype.Ethernet, `"ethernet"`: imptype.Ethernet,
	`"cell0"`: imptype.Cellular, `"cell"`: imptype.Cellular,
}

// ImpTypeError is device code naming hardware that no imp type has, or
// whose names no single imp type has all of.
type ImpTypeError struct {
	Path string
	Line int // the first offending use; 0 when no one line is to blame
	Err  error
}

func (e *ImpTypeError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ImpTypeError) Unwrap() error { return e.Err }

// ChooseImpType picks the imp type device code was written for from the
// hardware.X names it reads and the network interfaces it names (see
// imptype.Choose).
func ChooseImpType(s Script) (imptype.Choice, error) {
	members, strs := syntax.MemberUses(string(s.Source), "hardware")
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
	}
	var ifaces []string
	for _, u := range strs {
		k, ok := interfaceLiterals[u.Name]
		if ok && u.Key == "interface" && !slices.Contains(ifaces, k) {
			ifaces = append(ifaces, k)
		}
	}
	c, err := imptype.Choose(names, ifaces, pinNeeds(string(s.Source)))
	if err != nil {
		e := &ImpTypeError{Path: s.Path, Line: firstUnknown(err, members), Err: err}
		if s.Lines != nil && e.Line > 0 {
			if file, line := s.Lines.Lookup(e.Line); file != "" {
				e.Path, e.Line = file, line
			}
		}
		return c, e
	}
	return c, nil
}

// pinNeeds are the modes beyond Digital that device code configures its
// pins in, as far as a scan of its tokens finds them (see
// syntax.MethodCalls): pin.configure(PWM_OUT, …) on a hardware pin or a
// name holding one.
func pinNeeds(src string) []imptype.PinNeed {
	var needs []imptype.PinNeed
	for _, c := range syntax.MethodCalls(src, "hardware", "configure") {
		if m, ok := hardware.ModeNeeds(c.Arg); ok && m != imptype.Digital {
			needs = append(needs, imptype.PinNeed{Pin: c.Member, Mode: m})
		}
	}
	return needs
}

// firstUnknown is the first line using a name an UnknownNameError lists
// (0 for other errors).
func firstUnknown(err error, uses []syntax.Use) int {
	u, ok := err.(*imptype.UnknownNameError)
	if !ok {
		return 0
	}
	for _, m := range uses {
		if slices.Contains(u.Names, "hardware."+m.Name) {
			return m.Line
		}
	}
	return 0
}

// choiceStatus is the status line telling which imp type was chosen.
// At most five reasons are named.
func choiceStatus(c imptype.Choice) string {
	why := c.Reason
	if len(why) > 5 {
		why = append(why[:5:5], "…")
	}
	also := ""
	if len(c.Missing) > 0 {
		also = "; it also names " + strings.Join(c.Missing, ", ") + ", which the " + c.Type.Name + " lacks"
	}
	return fmt.Sprintf("Simulating an %s (the code uses %s%s); choose with --imp-type",
		c.Type.Name, strings.Join(why, ", "), also)
}

// CheckImpType reports whether name is an imp type impvm simulates, with
// an error listing the valid ones if not.
func CheckImpType(name string) error {
	if _, ok := imptype.Lookup(name); ok {
		return nil
	}
	return fmt.Errorf("unknown imp type %q: choose one of %s", name, strings.Join(imptype.Names(), ", "))
}
