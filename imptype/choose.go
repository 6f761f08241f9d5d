package imptype

import (
	"fmt"
	"slices"
	"strings"

	"github.com/impvm/impvm/internal/spell"
)

// Choice is the imp type picked for a program, and why.
type Choice struct {
	Type    *Type
	Reason  []string // the type-specific names and interfaces that decided it
	Missing []string // names the program uses that this type lacks (code for several imp types)
}

// UnknownNameError reports hardware names no imp type has.
type UnknownNameError struct {
	Names   []string            // "hardware.pinZ"
	Nearest map[string][]string // name → the nearest names and the imp types having them ("pinW (imp003, imp006)")
}

func (e *UnknownNameError) Error() string {
	var b strings.Builder
	for i, n := range e.Names {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "no imp type has %s", n)
		if near := e.Nearest[n]; len(near) > 0 {
			fmt.Fprintf(&b, " (nearest: %s)", strings.Join(near, ", "))
		}
	}
	return b.String()
}

// NoSingleTypeError reports interfaces no one imp type has together.
type NoSingleTypeError struct {
	Used []string
}

func (e *NoSingleTypeError) Error() string {
	return fmt.Sprintf("no one imp type has all of %s; choose with --imp-type", strings.Join(e.Used, ", "))
}

// anyHas reports whether some imp type has hardware.name (building the
// types only up to the first that has it).
func anyHas(name string) bool {
	for t := range types {
		if t.Has(name) {
			return true
		}
	}
	return false
}

// typeSpecific reports whether hardware.name depends on the imp type: a
// pin, a bus or an optional object some imp types lack.
func typeSpecific(name string) bool {
	if anyHas(name) {
		return true
	}
	for _, p := range []string{"pin", "i2c", "spi", "uart", "pwmpair"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && isPinSuffix(rest) {
			return true
		}
	}
	return false
}

// isPinSuffix reports whether s looks like the pin part of a hardware
// name: capitals and digits only ("89", "XEFGH"), not "flash".
func isPinSuffix(s string) bool {
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// PinNeed is a pin the code configures in a mode that needs more than
// Digital (pinK as PWM): of two imp types having the pin, only one whose
// pin-mux page gives the pin that mode fits the code.
type PinNeed struct {
	Pin  string // without "hardware."
	Mode Mode
}

// Choose picks the first imp type, in order of preference, that has every
// type-specific hardware name in used (names without "hardware."), every
// network interface kind in ifaces (WiFi, Ethernet, Cellular) and, where
// one does, the modes needs asks of its pins (else the first that has the
// names: the code then meets the pin-mux error its imp would give).
// Names every imp has (millis, pin, configure, …) are ignored.
func Choose(used, ifaces []string, needs []PinNeed) (Choice, error) {
	var specific []string
	for _, n := range used {
		if typeSpecific(n) && !slices.Contains(specific, n) {
			specific = append(specific, n)
		}
	}
	slices.Sort(specific)
	var unknown []string
	for _, n := range specific {
		if !anyHas(n) {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return Choice{}, unknownError(unknown)
	}
	for _, withNeeds := range []bool{true, false} {
		for t := range types {
			if t.fits(specific, ifaces) && (!withNeeds || t.allows(needs)) {
				return Choice{Type: t, Reason: reason(specific, ifaces)}, nil
			}
		}
	}
	return bestFit(specific, ifaces)
}

// bestFit is the choice for code written for several imp types (it
// switches on imp.info().type): the type having the most of its names,
// among those with every interface it opens, in order of preference.
// NoSingleTypeError if no type has the interfaces.
func bestFit(names, ifaces []string) (Choice, error) {
	var best *Type
	bestN := -1
	for _, t := range all() {
		if !t.fits(nil, ifaces) {
			continue
		}
		n := 0
		for _, name := range names {
			if t.Has(name) {
				n++
			}
		}
		if n > bestN {
			best, bestN = t, n
		}
	}
	if best == nil {
		return Choice{}, &NoSingleTypeError{Used: reason(names, ifaces)}
	}
	c := Choice{Type: best}
	var has []string
	for _, name := range names {
		if best.Has(name) {
			has = append(has, name)
		} else {
			c.Missing = append(c.Missing, "hardware."+name)
		}
	}
	c.Reason = reason(has, ifaces)
	return c, nil
}

// allows reports whether each pin of needs that t has can take its mode.
func (t *Type) allows(needs []PinNeed) bool {
	for _, n := range needs {
		if p, ok := t.Pin(n.Pin); ok && !p.Can(n.Mode) {
			return false
		}
	}
	return true
}

func (t *Type) fits(names, ifaces []string) bool {
	for _, n := range names {
		if !t.Has(n) {
			return false
		}
	}
	for _, k := range ifaces {
		if !t.HasInterface(k) {
			return false
		}
	}
	return true
}

// reason lists the names and interfaces that decided a choice, the most
// telling first: names fewer imp types have come before common ones.
func reason(names, ifaces []string) []string {
	names = slices.Clone(names)
	slices.SortStableFunc(names, func(a, b string) int { return typesHaving(a) - typesHaving(b) })
	var out []string
	for _, n := range names {
		out = append(out, "hardware."+n)
	}
	for _, k := range ifaces {
		out = append(out, k+" interface")
	}
	return out
}

func unknownError(names []string) *UnknownNameError {
	e := &UnknownNameError{Nearest: map[string][]string{}}
	for _, n := range names {
		full := "hardware." + n
		e.Names = append(e.Names, full)
		e.Nearest[full] = nearest(n)
	}
	return e
}

// maxNearest caps how many of the nearest names an error lists.
const maxNearest = 6

// nearest lists the names closest (by edit distance) to n among every imp
// type's members, each with the imp types having it ("i2c89 (imp001,
// imp002)"), at most maxNearest of them and a count of the rest.
func nearest(n string) []string {
	best := -1
	var names []string
	types := map[string][]string{}
	for _, t := range all() {
		for _, m := range t.Members() {
			d := spell.Distance(strings.ToLower(n), strings.ToLower(m))
			if d > len(n)/2+1 {
				continue
			}
			switch {
			case best < 0 || d < best:
				best, names, types = d, nil, map[string][]string{}
			case d > best:
				continue
			}
			if types[m] == nil {
				names = append(names, m)
			}
			types[m] = append(types[m], t.Name)
		}
	}
	slices.Sort(names)
	var out []string
	for i, m := range names {
		if i == maxNearest {
			out = append(out, fmt.Sprintf("and %d more", len(names)-maxNearest))
			break
		}
		out = append(out, m+" ("+strings.Join(types[m], ", ")+")")
	}
	return out
}

// typesHaving counts the imp types that have hardware.name.
func typesHaving(name string) int {
	n := 0
	for _, t := range all() {
		if t.Has(name) {
			n++
		}
	}
	return n
}
