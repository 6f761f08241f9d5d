package hardware

import (
	"slices"
	"strings"
	"sync"

	"github.com/impvm/impvm/imptype"
)

// typeNames is what every Module of one imp type shares about its pins
// and buses: where each name is in Module.pins and Module.buses (the
// imp type's order), and that order sorted by name. A thousand devices
// keep one index, not a thousand maps.
type typeNames struct {
	pinAt, busAt            map[string]int
	pinsByName, busesByName []int // positions, in name order
}

var typeNamesOf sync.Map // *imptype.Type -> *typeNames

// namesOf returns the shared names of imp type t.
func namesOf(t *imptype.Type) *typeNames {
	if n, ok := typeNamesOf.Load(t); ok {
		return n.(*typeNames)
	}
	n := &typeNames{pinAt: map[string]int{}, busAt: map[string]int{}}
	for i, p := range t.Pins {
		n.pinAt[p.Name] = i
		n.pinsByName = append(n.pinsByName, i)
	}
	for i, b := range t.Buses {
		n.busAt[b.Name] = i
		n.busesByName = append(n.busesByName, i)
	}
	slices.SortFunc(n.pinsByName, func(a, b int) int { return strings.Compare(t.Pins[a].Name, t.Pins[b].Name) })
	slices.SortFunc(n.busesByName, func(a, b int) int { return strings.Compare(t.Buses[a].Name, t.Buses[b].Name) })
	got, _ := typeNamesOf.LoadOrStore(t, n)
	return got.(*typeNames)
}

// pin is hardware.<name>'s state (nil: the imp type has no such pin).
func (m *Module) pin(name string) *pin {
	if i, ok := m.names.pinAt[name]; ok {
		return &m.pins[i]
	}
	return nil
}
