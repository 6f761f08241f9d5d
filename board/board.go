package board

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// I2CDevice is a part on an I²C bus. The imp's i2c.write(addr, data) is
// one Write; i2c.read(addr, sub, n) is a Write of sub (when not empty)
// followed by a repeated-start Read of n bytes. A false result is a NACK.
type I2CDevice interface {
	Write(now time.Time, data []byte) bool
	Read(now time.Time, n int) ([]byte, bool)
}

// SPIDevice is a part on a SPI bus. Transfer clocks mosi out and returns
// what the part drove on MISO meanwhile (nil: it leaves MISO floating,
// which reads as 0xFF). Deselect ends a transaction (its chip-select line
// went high, or, for a part without one, the bus went idle).
type SPIDevice interface {
	Transfer(now time.Time, mosi []byte, clockHz float64) []byte
	Deselect(now time.Time)
}

// UARTDevice is a part wired to a UART: Receive gets what the imp
// transmits; Pending returns the bytes the part has sent towards the imp
// up to now, and the time the next byte will arrive (zero: none planned).
type UARTDevice interface {
	Receive(now time.Time, data []byte)
	Pending(now time.Time) (data []byte, next time.Time)
}

// PinSource drives an imp pin from outside: an interrupt output, a
// button, an analog voltage. Level is the digital level (0/1) at now;
// Analog the ADC reading 0-65535 (of the supply voltage).
type PinSource interface {
	Level(now time.Time) int
	Analog(now time.Time) int
}

// outputLevel is the level of a chip's interrupt output: 1 when the
// interrupt is asserted, inverted for an output configured active low.
func outputLevel(asserted, activeLow bool) int {
	if asserted != activeLow {
		return 1
	}
	return 0
}

// fullScale is the ADC reading of a digital level: 0 or the supply.
func fullScale(level int) int { return level * 65535 }

// PinSink is told what the imp drives on a pin (a power gate, a chip
// select).
type PinSink interface {
	PinWritten(now time.Time, level int)
}

// Board is what is attached to one imp: devices on its buses and pins,
// its SPI flash, and the physical world they sense.
type Board struct {
	Name    string // "impExplorer Kit (imp001)", a board file's name, "none"
	ImpType string
	Env     *Env
	Flash   *Flash // hardware.spiflash; nil on imps without one

	i2c     map[string]map[byte]I2CDevice // bus → 8-bit write address → device
	wires   map[string]*i2cWire           // bus → its pins as GPIO reach (nil: not documented)
	lastI2C lastI2C                       // the part device found last
	spi     map[string][]spiSlot
	uart    map[string]UARTDevice
	sources map[string][]PinSource
	sinks   map[string][]PinSink
	things  []Describer
	shown   map[Describer]string // what --trace-bus last showed of each part
	watch   *Watch               // what a viewer sees (nil: nobody watches)

	breakouts func(line string) // UseBreakouts: parts taken at their default addresses (nil: none)
	refused   map[string]bool   // "bus:addr" where a breakout could not be attached (logged once)

	// Trace, when set, is called with one readable line per bus
	// transaction (--trace-bus).
	Trace func(line string)
}

// Describer is a device that can say what state it shows (an LED's
// colour, a sensor's last reading), for the log and the agent UI.
type Describer interface {
	Describe() string
}

type spiSlot struct {
	dev SPIDevice
	cs  string // chip-select pin ("" for a part without one)
}

// New makes an empty board for an imp type.
func New(name, impType string, env *Env) *Board {
	if env == nil {
		env = NewEnv(0)
	}
	return &Board{Name: name, ImpType: impType, Env: env,
		i2c: map[string]map[byte]I2CDevice{}, spi: map[string][]spiSlot{},
		uart: map[string]UARTDevice{}, sources: map[string][]PinSource{}, sinks: map[string][]PinSink{},
		shown: map[Describer]string{}}
}

// AddI2C attaches dev at an 8-bit address (the imp's convention: the
// 7-bit address shifted left, 0xBE for an HTS221 at 0x5F).
func (b *Board) AddI2C(bus string, addr8 byte, dev I2CDevice) error {
	if addr8&1 != 0 {
		return fmt.Errorf("I²C address 0x%02X is odd: the imp uses 8-bit addresses (the 7-bit address shifted left)", addr8)
	}
	m := b.i2c[bus]
	if m == nil {
		m = map[byte]I2CDevice{}
		b.i2c[bus] = m
	}
	if _, dup := m[addr8]; dup {
		return fmt.Errorf("two devices at 0x%02X on %s", addr8, bus)
	}
	m[addr8] = dev
	b.describe(dev)
	b.wireI2C(bus)
	return nil
}

// AddSPI attaches dev to a SPI bus, selected by pin cs ("" if it has no
// chip select and hears every transfer).
func (b *Board) AddSPI(bus, cs string, dev SPIDevice) {
	b.spi[bus] = append(b.spi[bus], spiSlot{dev: dev, cs: cs})
	b.describe(dev)
}

// AddUART wires dev to a UART.
func (b *Board) AddUART(bus string, dev UARTDevice) error {
	if _, dup := b.uart[bus]; dup {
		return fmt.Errorf("two devices on %s", bus)
	}
	b.uart[bus] = dev
	b.describe(dev)
	return nil
}

// AddSource lets src drive imp pin pin. Several sources on one pin are
// wired-OR (as the impExplorer Kit's diode-ORed interrupt lines on its
// wake pin): the pin is high when any is.
func (b *Board) AddSource(pin string, src PinSource) error {
	b.sources[pin] = append(b.sources[pin], src)
	b.describe(src)
	return nil
}

// AddSink tells s what the imp drives on pin.
func (b *Board) AddSink(pin string, s PinSink) { b.sinks[pin] = append(b.sinks[pin], s) }

func (b *Board) describe(v any) {
	if d, ok := v.(Describer); ok {
		for _, have := range b.things {
			if have == d {
				return
			}
		}
		b.things = append(b.things, d)
	}
}

// Describe lists what the board's devices show, one line each.
func (b *Board) Describe() []string {
	var out []string
	for _, d := range b.things {
		if s := d.Describe(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Empty reports whether nothing is attached (an imp on its own).
func (b *Board) Empty() bool {
	return len(b.i2c) == 0 && len(b.spi) == 0 && len(b.uart) == 0 && len(b.sources) == 0
}

// trace writes a line of the bus trace. Callers test b.Trace first: the
// arguments would be boxed (allocated) even when nothing is traced.
func (b *Board) trace(format string, args ...any) {
	b.Trace(fmt.Sprintf(format, args...))
}

// I2CWrite is i2c.write(addr, data): whether the device at addr8 ACKed
// every byte.
func (b *Board) I2CWrite(now time.Time, bus string, addr8 byte, data []byte) bool {
	var ok bool
	if addr8 == 0 {
		ok = b.generalCall(now, bus, data)
	} else {
		dev := b.device(now, bus, addr8, data)
		ok = dev != nil && addr8&1 == 0 && dev.Write(now, data)
	}
	if b.Trace != nil {
		b.trace("%s write 0x%02X [% X] %s", bus, addr8, data, ack(ok))
	}
	b.changed(now)
	return ok
}

// I2CRead is i2c.read(addr, sub, n): nil, false on a NACK.
func (b *Board) I2CRead(now time.Time, bus string, addr8 byte, sub []byte, n int) ([]byte, bool) {
	dev := b.device(now, bus, addr8, sub)
	var out []byte
	ok := dev != nil
	if ok && len(sub) > 0 {
		ok = dev.Write(now, sub)
	}
	if ok {
		out, ok = dev.Read(now, n)
		if ok && len(out) != n {
			out = append(out[:min(len(out), n):min(len(out), n)], make([]byte, max(0, n-len(out)))...)
		}
	}
	switch {
	case b.Trace == nil:
	case ok:
		b.trace("%s read 0x%02X [% X] -> [% X]", bus, addr8, sub, out)
	default:
		b.trace("%s read 0x%02X [% X] NACK", bus, addr8, sub)
	}
	b.changed(now)
	return out, ok
}

func ack(ok bool) string {
	if ok {
		return "ACK"
	}
	return "NACK"
}

// SPITransfer clocks mosi out on bus to every selected device and returns
// MISO (0xFF where nothing drives it). selected reports whether a
// chip-select pin is driven low by the imp.
func (b *Board) SPITransfer(now time.Time, bus string, mosi []byte, clockHz float64, selected func(pin string) bool) []byte {
	miso := make([]byte, len(mosi))
	for i := range miso {
		miso[i] = 0xFF
	}
	for _, s := range b.spi[bus] {
		if s.cs != "" && !selected(s.cs) {
			continue
		}
		if r := s.dev.Transfer(now, mosi, clockHz); r != nil {
			for i := range miso {
				if i < len(r) {
					miso[i] &= r[i]
				}
			}
		}
		if s.cs == "" {
			s.dev.Deselect(now) // no chip select: a transfer is a whole frame
		}
	}
	switch {
	case b.Trace == nil:
	case len(mosi) <= 64:
		b.trace("%s transfer [% X] -> [% X]", bus, mosi, miso)
	default:
		b.trace("%s transfer %d bytes [% X ...]", bus, len(mosi), mosi[:16])
	}
	if b.Trace != nil { // what the transfer changed, e.g. LED colours
		for _, s := range b.spi[bus] {
			if d, ok := s.dev.(Describer); ok {
				if now := d.Describe(); now != "" && now != b.shown[d] {
					b.shown[d] = now
					b.trace("%s", now)
				}
			}
		}
	}
	b.changed(now)
	return miso
}

// BusCS is the chip select of a part wired to its bus's dedicated
// chip-select pin (the imp005's spi0 CS0 and spiBCAD pin D), which
// spi.configure(USE_CS_L) hands to spi.chipselect().
const BusCS = "USE_CS_L"

// SPIDeselect ends the frame of the parts behind chip select cs on bus.
func (b *Board) SPIDeselect(now time.Time, bus, cs string) {
	for _, s := range b.spi[bus] {
		if s.cs == cs {
			s.dev.Deselect(now)
		}
	}
}

// HasSPI reports whether anything is on a SPI bus.
func (b *Board) HasSPI(bus string) bool { return len(b.spi[bus]) > 0 }

// UART returns the device wired to a UART, or nil.
func (b *Board) UART(bus string) UARTDevice { return b.uart[bus] }

// UARTSend passes what the imp transmits on bus to the device there.
func (b *Board) UARTSend(now time.Time, bus string, data []byte) {
	if d := b.uart[bus]; d != nil {
		d.Receive(now, data)
	}
	if b.Trace != nil {
		b.trace("%s tx %q", bus, data)
	}
}

// UARTReceived traces what the imp's UART on bus received from its part.
func (b *Board) UARTReceived(bus string, data []byte) {
	if b.Trace != nil {
		b.trace("%s rx %q", bus, data)
	}
}

// Source returns what drives pin, or nil.
func (b *Board) Source(pin string) PinSource {
	switch srcs := b.sources[pin]; len(srcs) {
	case 0:
		return nil
	case 1:
		return srcs[0]
	default:
		return wiredOR(srcs)
	}
}

// wiredOR is several lines driving one pin.
type wiredOR []PinSource

func (w wiredOR) Level(now time.Time) int {
	for _, s := range w {
		if s.Level(now) != 0 {
			return 1
		}
	}
	return 0
}

func (w wiredOR) Analog(now time.Time) int {
	v := 0
	for _, s := range w {
		v = max(v, s.Analog(now))
	}
	return v
}

func (w wiredOR) NextChange(now time.Time) time.Time {
	var next time.Time
	for _, s := range w {
		if c, ok := s.(Changer); ok {
			if t := c.NextChange(now); !t.IsZero() && (next.IsZero() || t.Before(next)) {
				next = t
			}
		}
	}
	return next
}

// PinWritten tells the devices listening on pin what the imp drives
// there (and ends SPI transactions whose chip select goes high).
func (b *Board) PinWritten(now time.Time, pin string, level int) {
	for _, s := range b.sinks[pin] {
		s.PinWritten(now, level)
	}
	if level != 0 {
		for _, slots := range b.spi {
			for _, s := range slots {
				if s.cs == pin {
					s.dev.Deselect(now)
				}
			}
		}
	}
	b.changed(now)
}

// UsesI2CAddress reports whether some device sits at addr8 on bus.
func (b *Board) UsesI2CAddress(bus string, addr8 byte) bool {
	_, ok := b.i2c[bus][addr8&0xFE]
	return ok
}

// Summary lists what is attached, for --board's log line and errors.
func (b *Board) Summary() string {
	var parts []string
	for bus, m := range b.i2c {
		for a, d := range m {
			parts = append(parts, fmt.Sprintf("%s@%s:0x%02X", modelName(d), bus, a))
		}
	}
	for bus, slots := range b.spi {
		for _, s := range slots {
			parts = append(parts, fmt.Sprintf("%s@%s", modelName(s.dev), bus))
		}
	}
	for bus, d := range b.uart {
		parts = append(parts, fmt.Sprintf("%s@%s", modelName(d), bus))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func modelName(v any) string {
	if n, ok := v.(interface{ Model() string }); ok {
		return n.Model()
	}
	return fmt.Sprintf("%T", v)
}

// Device returns the part at addr8 on an I²C bus, or nil.
func (b *Board) Device(bus string, addr8 byte) I2CDevice {
	if l := &b.lastI2C; l.dev != nil && l.addr8 == addr8&0xFE && l.bus == bus {
		return l.dev
	}
	return b.i2c[bus][addr8&0xFE]
}

// Changer is a PinSource whose level can change by itself over time (a
// sensor's data-ready or threshold line): NextChange is when it may next
// change (zero: not until the imp talks to the part).
type Changer interface {
	NextChange(now time.Time) time.Time
}

// Close releases what the board's devices hold open (files, ports) and
// saves the SPI flash to its file.
func (b *Board) Close() error {
	var first error
	for _, d := range b.uart {
		if c, ok := d.(interface{ Close() error }); ok {
			if err := c.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	if b.Flash != nil {
		if err := b.Flash.Save(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
