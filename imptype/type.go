package imptype

import (
	"slices"
	"strings"
	"sync"
)

// Mode is a set of things a pin can be configured as (pin.configure).
type Mode uint16

// Pin capabilities. Digital covers DIGITAL_IN, DIGITAL_IN_PULLUP,
// DIGITAL_IN_PULLDOWN, DIGITAL_OUT, DIGITAL_OUT_OD and
// DIGITAL_OUT_OD_PULLUP, which every imp pin can do.
const (
	Digital      Mode = 1 << iota
	AnalogIn          // ANALOG_IN (ADC); also a hardware.sampler input
	AnalogOut         // ANALOG_OUT (DAC); also a fixedfrequencydac output
	PWM               // PWM_OUT, PWM_OUT_STEPS
	PulseCounter      // PULSE_COUNTER
	Wake              // DIGITAL_IN_WAKEUP: the imp's one Wake pin
)

// BusKind is what a named bus object is.
type BusKind uint8

// Bus kinds.
const (
	I2C BusKind = iota
	SPI
	UART
	PWMPair // hardware.pwmpairXY (imp004m)
)

func (k BusKind) String() string {
	return [...]string{"i2c", "spi", "uart", "pwmpair"}[k]
}

// Bus is one hardware.i2cXX, spiXXXX, uartXXXX or pwmpairXY object.
type Bus struct {
	Name  string   // "i2c89"
	Kind  BusKind  //
	Pins  []string // the pins it takes over when configured ("pin8", "pin9"); empty where undocumented
	Roles []string // each pin's role, in the order of Pins ("SCL", "SDA"), where documented
}

// Network interface kinds, named as imp.net reports them.
const (
	WiFi     = "wifi"
	Ethernet = "ethernet"
	Cellular = "cell"
)

// Type is one imp module (or card).
type Type struct {
	Name string // imp.info().type (each file's comment names its Electric Imp source pages)

	Pins  []Pin
	Buses []Bus

	WakePin     string   // the pin that can be DIGITAL_IN_WAKEUP
	FFDACPins   []string // outputs hardware.fixedfrequencydac can drive (pins or a pwmpair)
	SamplerPins []string // inputs hardware.sampler can read (nil: no sampler)
	// SPI flash behind hardware.spiflash (Electric Imp's hardware.spiflash
	// and spiflash.size() pages): the chip is the product maker's choice;
	// impOS keeps the bottom SPIFlashReserved bytes of it and Squirrel gets
	// the rest, its address 0 being the first byte after the reserved
	// area. SPIFlashChip is the chip impvm fits when no board file says
	// otherwise (0: the imp has no hardware.spiflash).
	SPIFlashChip     int
	SPIFlashReserved int
	// Interfaces: the network interfaces, in impOS's default server
	// order (Electric Imp's imp.net.setserverinterfaces page: Ethernet,
	// WiFi, then cellular, leaving out what the imp lacks).
	Interfaces []string
	// ServerVia: the interfaces impOS connects to the impCloud through
	// by default, when imp.net.setserverinterfaces names none (nil:
	// every one of Interfaces).
	ServerVia []string
	BLE       bool // hardware.bluetooth
	// LightLevel: hardware.lightlevel, the BlinkUp phototransistor read
	// through an ADC. Electric Imp's hardware.lightlevel page names the
	// imp002 and imp003 (their VDDA pin must be powered); its imp005
	// EZ-Eval examples read it on the imp005. The imp004m, imp006 and
	// impC001 are not documented to have it.
	LightLevel bool
	// VBat: hardware.vbat, the cell voltage on a VBAT pin. Electric Imp's
	// hardware.vbat page: only the imp003, imp004m and impC001; on the
	// imp001, imp002 and imp005 "the index 'vbat' does not exist".
	VBat bool
	// USB names the hardware object of the USB host port, "" for none.
	// Electric Imp's usb page: "imp005 — hardware.usb, impC001 —
	// hardware.usbAB".
	USB string
	// FreeAtBoot is the Squirrel heap, impvm's figure for the free heap
	// after boot: imp.getmemoryfree() of an empty program and what a
	// device's script may keep live (stdlib/imp's HeapSize).
	FreeAtBoot  int
	Environment int // imp.environment(): 0 card, 1 module
	// DeviceIDPrefix is the first four hex digits of hardware.getdeviceid():
	// the imp type's digit then zeros ("600a" on the imp006, "c001" on the
	// impC001), followed by the MAC. Electric Imp's own libraries (WS2812)
	// read a module's type from getdeviceid().slice(0,1).
	DeviceIDPrefix string
}

// SPIFlashBytes is hardware.spiflash.size() with the default chip: the
// bytes left to Squirrel (0: no hardware.spiflash).
func (t *Type) SPIFlashBytes() int { return t.SPIFlashChip - t.SPIFlashReserved }

// Pin is one hardware.pinX object.
type Pin struct {
	Name  string // "pin1", "pinXA"
	Modes Mode
}

// Can reports whether the pin can be configured as every mode in m.
func (p Pin) Can(m Mode) bool { return p.Modes&m == m }

// Pin returns the pin called name ("pin1").
func (t *Type) Pin(name string) (Pin, bool) {
	for _, p := range t.Pins {
		if p.Name == name {
			return p, true
		}
	}
	return Pin{}, false
}

// Bus returns the bus called name ("i2c89").
func (t *Type) Bus(name string) (Bus, bool) {
	for _, b := range t.Buses {
		if b.Name == name {
			return b, true
		}
	}
	return Bus{}, false
}

// PinsWith lists the names of the pins that can do mode m.
func (t *Type) PinsWith(m Mode) []string { return namesWith(t.Pins, m) }

// HasInterface reports whether the imp has a network interface of kind k
// (WiFi, Ethernet, Cellular).
func (t *Type) HasInterface(k string) bool { return slices.Contains(t.Interfaces, k) }

// ServerInterface reports whether impOS connects to the impCloud through
// an interface of kind k by default.
func (t *Type) ServerInterface(k string) bool {
	if t.ServerVia != nil {
		return slices.Contains(t.ServerVia, k)
	}
	return t.HasInterface(k)
}

// Members lists every hardware.X name this imp type has that depends on
// the type: pins, buses and the optional objects and methods.
func (t *Type) Members() []string {
	var out []string
	for _, p := range t.Pins {
		out = append(out, p.Name)
	}
	for _, b := range t.Buses {
		out = append(out, b.Name)
	}
	if t.SPIFlashBytes() > 0 {
		out = append(out, "spiflash")
	}
	if t.SamplerPins != nil {
		out = append(out, "sampler")
	}
	if t.FFDACPins != nil {
		out = append(out, "fixedfrequencydac")
	}
	if t.BLE {
		out = append(out, "bluetooth")
	}
	if t.LightLevel {
		out = append(out, "lightlevel")
	}
	if t.VBat {
		out = append(out, "vbat")
	}
	if t.USB != "" {
		out = append(out, t.USB)
	}
	return out
}

// Has reports whether hardware.name exists on this imp type. Members
// every imp has (millis, micros, …) are not asked about here.
func (t *Type) Has(name string) bool { return slices.Contains(t.Members(), name) }

// all is every imp type in the order of preference used when a program
// fits more than one: the current modules first (imp006, the default),
// then the cellular impC001, the Ethernet imp005, imp004m, imp003, and
// the imp001 card before the imp002 module it shares its pin names with.
// Each type is built when first reached: a plain script never asks for
// them, and a device whose code names no type's hardware gets the first.
var makers = [...]func() *Type{newImp006, newImpC001, newImp005, newImp004m, newImp003, newImp001, newImp002}

// built holds each of makers' types once made.
var built [len(makers)]struct {
	once sync.Once
	t    *Type
}

// typeAt returns the i-th imp type in order of preference.
func typeAt(i int) *Type {
	b := &built[i]
	b.once.Do(func() { b.t = makers[i]() })
	return b.t
}

// types yields the imp types in order of preference, building each only
// when the loop reaches it.
func types(yield func(*Type) bool) {
	for i := range makers {
		if !yield(typeAt(i)) {
			return
		}
	}
}

// all returns every imp type in order of preference.
func all() []*Type { return slices.Collect(types) }

// names are the names of all's types, in the same order, known without
// building the types (the CLI lists them in its help).
var names = []string{"imp006", "impC001", "imp005", "imp004m", "imp003", "imp001", "imp002"}

// Default is the imp type of a program that names no hardware.
const Default = "imp006"

// All returns every imp type in order of preference.
func All() []*Type { return all() }

// Names lists the imp type names in order of preference.
func Names() []string { return slices.Clone(names) }

// Lookup returns the imp type called name ("imp001").
func Lookup(name string) (*Type, bool) {
	if i := slices.Index(names, name); i >= 0 {
		return typeAt(i), true
	}
	return nil, false
}

// pins builds pin names with one prefix from a string of letters:
// pins("X", "ABC", m) is pinXA, pinXB, pinXC, all able to do m.
func pins(prefix, letters string, m Mode) []Pin {
	out := make([]Pin, 0, len(letters))
	for _, c := range letters {
		out = append(out, Pin{"pin" + prefix + string(c), m})
	}
	return out
}

// muxPins builds the pins a pin-mux table lists, named by a prefix and a
// string of letters (see pins): every one digital, and those in withAny
// (the rows with a "Yes" under a function) able to do m as well.
func muxPins(prefix, letters, withAny string, m Mode) []Pin {
	ps := pins(prefix, letters, Digital)
	for i := range ps {
		if strings.ContainsRune(withAny, rune(ps[i].Name[len(ps[i].Name)-1])) {
			ps[i].Modes |= m
		}
	}
	return ps
}

// namesWith lists the names of the pins of ps that can do m.
func namesWith(ps []Pin, m Mode) []string {
	var out []string
	for _, p := range ps {
		if p.Can(m) {
			out = append(out, p.Name)
		}
	}
	return out
}

// withModes adds modes m to the named pins of ps.
func withModes(ps []Pin, m Mode, names ...string) []Pin {
	for i := range ps {
		if slices.Contains(names, ps[i].Name) {
			ps[i].Modes |= m
		}
	}
	return ps
}

// bus builds a bus whose pins are spelled by its name's suffix
// ("uartFGJH" → pinF, pinG, pinJ, pinH), with the given roles, or where
// none are given the usual ones in that order: a UART's TX, RX, RTS, CTS
// (as many as it has pins: every pin-mux page names a four-pin UART's pins
// in that order, uartQRPW of the imp003 to uartXBADC of the impC001), an
// I²C bus's SCL, SDA; a SPI bus's pin roles are undocumented unless given.
func bus(name string, kind BusKind, roles ...string) Bus {
	ps := splitPinSuffix(strings.TrimPrefix(name, kind.String()))
	if len(roles) == 0 {
		roles = usualRoles(kind, len(ps))
	}
	return Bus{Name: name, Kind: kind, Pins: ps, Roles: roles}
}

// buses builds buses of one kind with the usual pin roles (see bus).
func buses(kind BusKind, names ...string) []Bus {
	out := make([]Bus, len(names))
	for i, name := range names {
		out[i] = bus(name, kind)
	}
	return out
}

func usualRoles(kind BusKind, pins int) []string {
	switch {
	case kind == UART && pins > 0 && pins <= 4:
		return []string{"TX", "RX", "RTS", "CTS"}[:pins:pins]
	case kind == I2C && pins == 2:
		return []string{"SCL", "SDA"}
	}
	return nil
}

// splitPinSuffix turns a bus suffix into pin names: digits and letters
// are one pin each, except X and Y which prefix the next letter on the
// imp005, imp006 and impC001 (uartXEFGH → pinXE … pinXH: one X prefixes
// every following letter). A purely numeric bus (uart0, i2c0, spi0) has
// no pins in its name and yields none.
func splitPinSuffix(s string) []string {
	if s == "" || allDigits(s) && len(s) == 1 {
		return nil
	}
	prefix := ""
	var out []string
	for i, c := range s {
		if (c == 'X' || c == 'Y') && i == 0 && len(s) > 2 {
			prefix = string(c)
			continue
		}
		out = append(out, "pin"+prefix+string(c))
	}
	return out
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
