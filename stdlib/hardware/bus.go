package hardware

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/imp"
)

// bus is the payload of an i2c, spi, uart or pwmpair object.
type bus struct {
	name      string
	spec      imptype.Bus
	on        bool
	claimed   []string              // the pins the configured bus drives
	speed     runtime.Value         // configured clock (spi: kHz) or baud rate
	readError int32                 // i2c: last read's error
	callback  runtime.Value         // uart: event callback
	uart      *uartState            // uart: the receive side
	sent      bytes.Buffer          // uart/spi: everything written, if Options.RecordBusOutput
	useCSL    bool                  // spi: configured with USE_CS_L (imp005)
	csLow     bool                  // spi: its dedicated chip select asserted
	selected  func(pin string) bool // spi: chipSelected, made once
	lastMISO  byte                  // spi: the last byte clocked in (spi.read)
}

// addBuses installs the imp type's bus objects (from its imptype table)
// in the hardware table.
func (m *Module) addBuses(hw *runtime.Table) {
	kinds := map[imptype.BusKind]*runtime.Kind{
		imptype.I2C:     busMembers[0].Kind(imp.MetaTypeName, func() []runtime.Spec { return i2cSpecs }),
		imptype.SPI:     m.spiKind(),
		imptype.UART:    busMembers[2].Kind(imp.MetaTypeName, func() []runtime.Spec { return uartSpecs }),
		imptype.PWMPair: busMembers[3].Kind(imp.MetaTypeName, func() []runtime.Spec { return pwmPairSpecs }),
	}
	m.buses = make([]bus, len(m.typ.Buses))
	objs := runtime.NewUserDataSlab(len(m.buses), "", nil, func(i int) any {
		spec := m.typ.Buses[i]
		m.buses[i] = bus{name: spec.Name, spec: spec, speed: runtime.Null, callback: runtime.Null}
		return &m.buses[i]
	})
	for i := range objs {
		k := kinds[m.typ.Buses[i].Kind]
		objs[i].TypeName, objs[i].Delegate = k.Name, k.Members
		hw.SetStr(m.buses[i].name, runtime.UserDataValue(&objs[i]))
	}
}

func busOf(v runtime.Value) *bus {
	b, _ := runtime.PayloadOf[*bus](v)
	if b == nil {
		b = &bus{speed: runtime.Null, callback: runtime.Null}
	}
	return b
}

// claimedPins lists the pins the bus drives under configure's flags: all
// but those whose role (as the imptype table names it: "TX", "CTS", …) a
// flag in freedBy frees. A bus whose pin roles are undocumented claims no
// pins: impvm cannot tell which it drives.
func (b *bus) claimedPins(flags int32, freedBy map[string]int32) []string {
	if len(b.spec.Roles) != len(b.spec.Pins) {
		return nil
	}
	var out []string
	for i, p := range b.spec.Pins {
		if flags&freedBy[b.spec.Roles[i]] == 0 {
			out = append(out, p)
		}
	}
	return out
}

// enable marks b configured, driving pins. Configuring a bus again is a
// reconfiguration; configuring one whose pins another configured bus
// drives is an error, as the two would fight over the pins.
func (m *Module) enable(b *bus, pins []string) error {
	for _, i := range m.names.busesByName {
		other := &m.buses[i]
		if other == b || !other.on {
			continue
		}
		var shared []string
		for _, p := range pins {
			if slices.Contains(other.claimed, p) {
				shared = append(shared, p)
			}
		}
		if len(shared) > 0 {
			return runtime.NewError(fmt.Sprintf("hardware.%s cannot be configured: %s %s in use by hardware.%s (call hardware.%s.disable() first)",
				b.name, strings.Join(shared, ", "), isAre(len(shared)), other.name, other.name))
		}
	}
	b.on, b.claimed = true, pins
	for _, p := range pins {
		if pn := m.pin(p); pn != nil {
			pn.mode = 0 // the bus owns the pin now
		}
	}
	return nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// disable() of the I²C, SPI and PWM-pair objects: the bus lets go of its
// pins.
func busDisable(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	b.on, b.claimed = false, nil
	return runtime.Null, nil
}

func notConfigured(b *bus) error {
	return runtime.Errorf("%s is not configured", b.name)
}

// dataOf is the bytes of a string or blob argument.
func dataOf(v runtime.Value) []byte {
	if v.Type() == runtime.TString {
		return []byte(v.Str())
	}
	if bl, ok := base.BlobOf(v); ok {
		return bl.Bytes()
	}
	return nil
}

func ones(n int) []byte { return bytes.Repeat([]byte{0xff}, max(n, 0)) }

// recordOutput keeps data written to b when Options.RecordBusOutput asks.
func (m *Module) recordOutput(b *bus, data []byte) {
	if m.opts.RecordBusOutput {
		b.sent.Write(data)
	}
}

// BusOutput returns everything written to SPI or UART bus name (e.g.
// "uartABCD") in this run, and whether the bus exists. Only a Module
// opened with Options.RecordBusOutput keeps it; any other returns none.
func (m *Module) BusOutput(name string) ([]byte, bool) {
	i, ok := m.names.busAt[name]
	if !ok {
		return nil, false
	}
	b := &m.buses[i]
	return b.sent.Bytes(), true
}
