package board

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/impvm/impvm/imptype"
)

// Part is one device of a board: which model sits where, and how it is
// set up. Built-in boards and board files are lists of parts.
type Part struct {
	Model     string // hts221, lps22hb, lps25h, lis3dh, pcf8563, spinor, si7021, si7020, tmp102, ws2812, gps, modbus, input, serial
	Bus       string // "i2c89", "spi257", "uart12"
	Address   int    // 8-bit I²C address
	Pin       string // input: the pin it drives
	Int1      string // lis3dh INT1, lps22hb INT_DRDY, tmp102 ALERT: the imp pin it drives
	Int2      string // lis3dh INT2
	Gate      string // ws2812: power-gate pin ("" none)
	CS        string // spinor, w5500: its chip-select pin (BusCS: the bus's dedicated one)
	Reset     string // w5500: the RSTn pin the imp drives; stm32: NRST; ft800: PD_N; max3421e: RES_L
	Boot0     string // stm32: the BOOT0 pin the imp drives
	Size      int    // spinor: bytes
	Count     int    // ws2812: LEDs in the chain
	Baud      int    // gps, modbus, serial
	Unit      int    // modbus unit address
	Parity    byte   // modbus: 'E' (the default), 'O' or 'N'
	DE        string // modbus: the RS-485 driver-enable pin the imp drives ("" none)
	Functions []byte // modbus: the functions the slave answers (nil: all it has)
	FixAfter  time.Duration
	Registers map[byte]byte // initial register values
	Holding   map[uint16]uint16
	Input     map[uint16]uint16
	Coils     map[uint16]bool
	Discrete  map[uint16]bool
	InFile    string // serial: bytes sent to the imp
	OutFile   string // serial: where what the imp sends goes
	TCPPort   int    // serial: a loopback TCP port bridged to the UART
}

// Models lists the model names a Part may have.
var Models = []string{"cfa533", "ft800", "gps", "input", "max3421e", "modbus", "serial", "spinor", "stm32", "stn1110", "w5500", "ws2812"}

// Kit is a built-in board: Electric Imp's development boards.
type Kit struct {
	Name  string
	Imp   string
	Parts []Part
}

// The impExplorer Kit's sensors, at the 8-bit addresses its HAL names.
const (
	ExplorerHTS221  = 0xBE
	ExplorerLPS22HB = 0xB8
	ExplorerLIS3DH  = 0x32
)

// Kits are the built-in boards, from Electric Imp's hardware abstraction
// layers (ExplorerKitHAL: imp001 and imp004m editions; CellularBreakoutHAL
// rev4.2 and the trackers' rev5.0) and kit documentation. On the imp001 kit pin1 is both the LED's
// power gate and the wake pin, which the sensors' interrupt lines drive
// (wired-OR; Electric Imp's HTS221 suite for this kit expects its DRDY
// there).
var Kits = sync.OnceValue(func() map[string][]Kit {
	return map[string][]Kit{
		"explorer": {
			{Name: "impExplorer Kit (imp001)", Imp: "imp001", Parts: []Part{
				{Model: "hts221", Bus: "i2c89", Address: ExplorerHTS221, Int1: "pin1"},
				{Model: "lps22hb", Bus: "i2c89", Address: ExplorerLPS22HB, Int1: "pin1"},
				{Model: "lis3dh", Bus: "i2c89", Address: ExplorerLIS3DH, Int1: "pin1"},
				{Model: "ws2812", Bus: "spi257", Count: 1, Gate: "pin1"},
			}},
			{Name: "impExplorer Kit (imp004m)", Imp: "imp004m", Parts: []Part{
				{Model: "hts221", Bus: "i2cNM", Address: ExplorerHTS221},
				{Model: "lps22hb", Bus: "i2cNM", Address: ExplorerLPS22HB, Int1: "pinS"},
				{Model: "lis3dh", Bus: "i2cNM", Address: ExplorerLIS3DH, Int1: "pinR"},
				{Model: "ws2812", Bus: "spiAHSR", Count: 1, Gate: "pinH"},
			}},
			// The imp006 Breakout Kit's sensor bus carries its HTS221 (Electric
			// Imp's imp006 sample code); its user LED is driven by pins, not a
			// WS2812, and no other sensor is documented.
			{Name: "imp006 Breakout Kit", Imp: "imp006", Parts: []Part{
				{Model: "hts221", Bus: "i2cLM", Address: ExplorerHTS221},
			}},
		},
		// The impAccelerator Battery Powered Sensor Node: its HAL in Electric
		// Imp's SensorNode_BasicEnvExample puts the three ST sensors on i2cAB
		// with their interrupt lines on pinE (HTS221 DRDY), pinX (LPS22HB) and
		// pinT (LIS3DH). Its 1-Wire, RJ12 and NTC channels carry nothing here.
		"sensornode": {
			{Name: "impAccelerator Battery Powered Sensor Node (imp003)", Imp: "imp003", Parts: []Part{
				{Model: "hts221", Bus: "i2cAB", Address: ExplorerHTS221, Int1: "pinE"},
				{Model: "lps22hb", Bus: "i2cAB", Address: ExplorerLPS22HB, Int1: "pinX"},
				{Model: "lis3dh", Bus: "i2cAB", Address: ExplorerLIS3DH, Int1: "pinT"},
			}},
		},
		// Arrow's imp005 EZ-Eval board: its HAL in Electric Imp's
		// Arrow_Imp005_EZ_Eval_Examples puts the HTS221 and the LIS3DH
		// (interrupt on pinXA) on i2c0; its bit-banged RGB LED, ADC on spi0
		// and shield headers carry nothing here.
		"imp005-ezeval": {
			{Name: "imp005 EZ-Eval (Arrow)", Imp: "imp005", Parts: []Part{
				{Model: "hts221", Bus: "i2c0", Address: ExplorerHTS221},
				{Model: "lis3dh", Bus: "i2c0", Address: ExplorerLIS3DH, Int1: "pinXA"},
			}},
		},
		// Electric Imp's Env Tail, clipped onto an April (imp001) breakout:
		// its Si7021 (0x80) and LPS25H (0xB8) on i2c89 (Electric Imp's Env
		// Tail guide and its example code; the LPS25H's interrupt drives pin1,
		// per the Tail's firmware in Electric Imp's examples). Its APDS-9007 light sensor
		// (analog, pin5, enabled by pin7) and its LED (pin2) carry nothing
		// here: pin5 reads what --env level:pin5 sets.
		"envtail": {
			{Name: "Env Sensor Tail on an April board (imp001)", Imp: "imp001", Parts: []Part{
				{Model: "si7021", Bus: "i2c89", Address: 0x80},
				{Model: "lps25h", Bus: "i2c89", Address: 0xB8, Int1: "pin1"},
			}},
		},
		// Lala, Electric Imp's battery-powered audio reference design
		// (imp002): its 4 MB SPI flash on spi189 with chip select on pin7
		// (the Lala firmware in Electric Imp's examples). Its microphone
		// (pinA), DAC output (pin5), amplifier enable, buttons and battery
		// divider carry nothing here.
		"lala": {
			{Name: "Lala audio reference design (imp002)", Imp: "imp002", Parts: []Part{
				{Model: "spinor", Bus: "spi189", CS: "pin7", Size: 4 << 20},
			}},
		},
		// Electric Imp's imp002 EVB: its TMP102 (0x90) and LIS3DH (0x32,
		// INT1 on the wake pin, pin1) on i2c89, per the imp002-EVB firmware
		// in Electric Imp's examples (tempbug, security). Its RGB LED, hall
		// sensor, buttons, beeper, SPI and UART headers carry nothing here.
		"imp002-evb": {
			{Name: "imp002 EVB", Imp: "imp002", Parts: []Part{
				{Model: "tmp102", Bus: "i2c89", Address: 0x90},
				{Model: "lis3dh", Bus: "i2c89", Address: ExplorerLIS3DH, Int1: "pin1"},
			}},
		},
		// Electric Imp's impAccelerator Fieldbus Gateway (imp005): its WIZnet
		// W5500 Ethernet as Electric Imp's W5500 library documents it (spi0
		// with its dedicated chip select, INTn on pinXC, RSTn on pinXA), the
		// Ethernet side BenchLAN (a DHCP server, the library's echo server, a
		// Modbus TCP server); its RS-485 port (uart2, driver enable pinL) with
		// the Modbus RTU PLC of Electric Imp's Fieldbus Gateway examples
		// (unit 1, 38400 baud, odd parity). Its RS-232 port, analog inputs and
		// outputs carry nothing here.
		"fieldbus-gateway": {
			{Name: "impAccelerator Fieldbus Gateway (imp005)", Imp: "imp005", Parts: []Part{
				{Model: "w5500", Bus: "spi0", CS: BusCS, Int1: "pinXC", Reset: "pinXA"},
				{Model: "modbus", Bus: "uart2", Unit: 1, Baud: 38400, Parity: 'O', DE: "pinL"},
			}},
		},
		// A W5500 click in the impC001 Breakout Board's mikroBUS socket, as
		// Electric Imp's W5500 library documents it (spiPQRS, CS pinS, RSTn
		// pinYC, INTn on pinYL through solder bridge W4), on BenchLAN. The
		// breakout's own sensors are on its own built-in board.
		"w5500": {
			{Name: "impC001 Breakout Board with a W5500 click (mikroBUS)", Imp: "impC001", Parts: []Part{
				{Model: "w5500", Bus: "spiPQRS", CS: "pinS", Int1: "pinYL", Reset: "pinYC"},
			}},
		},
		// Electric Imp's older reference designs (imp002), from their firmware
		// in Electric Imp's examples ("Older Examples"). Janice, the sprinkler
		// controller: its display board's SX1505 (0x42, NINT on pinB), a
		// PCF8563 and a CAT24C EEPROM on i2c89; its shift register, beeper,
		// rain sensor and display carry nothing here.
		"janice": {
			{Name: "Janice sprinkler controller (imp002)", Imp: "imp002", Parts: []Part{
				{Model: "sx1505", Bus: "i2c89", Address: 0x42, Int1: "pinB"},
				{Model: "pcf8563", Bus: "i2c89", Address: 0xA2},
				{Model: "eeprom24", Bus: "i2c89", Address: 0xA0, Size: 256},
			}},
		},
		// Vanessa, the e-paper display: its SX1505 (0x40, NINT on pin1)
		// on i2c89 and its MX25L3206E 4 MB flash on spi257 behind pinE. Its
		// e-paper panel (spi257, pinD), thermistor and battery sense carry
		// nothing here.
		"vanessa": {
			{Name: "Vanessa e-paper display (imp002)", Imp: "imp002", Parts: []Part{
				{Model: "sx1505", Bus: "i2c89", Address: 0x40, Int1: "pin1"},
				{Model: "spinor", Bus: "spi257", CS: "pinE", Size: 4 << 20},
			}},
		},
		// Tasha, the colour TFT picture frame: its 4 MB MX25L-class flash
		// (64 blocks of 64 KB, the firmware's spiFlash class) on spi257
		// behind pin1. Its ST7735 LCD (spi257, pin6), backlight, light sensor
		// and buttons carry nothing here.
		"tasha": {
			{Name: "Tasha colour TFT frame (imp002)", Imp: "imp002", Parts: []Part{
				{Model: "spinor", Bus: "spi257", CS: "pin1", Size: 4 << 20},
			}},
		},
		// Sana, the IR remote: its TMP112 (0x92, ALERT on pinB) on i2c89.
		// Its thermistor, IR receiver and transmitter carry nothing here.
		"sana": {
			{Name: "Sana IR remote (imp002)", Imp: "imp002", Parts: []Part{
				{Model: "tmp112", Bus: "i2c89", Address: 0x92, Int1: "pinB"},
			}},
		},
		// Electric Imp's imp003 EVB: its TMP112 (0x92), TCS3472 colour sensor
		// (0x52) and LIS3DH (0x30, INT1
		// on the wake pin, pinW) on i2cAB, per its examples in Electric Imp's
		// reference repository (logging, security). The TMP112's ALERT is not
		// wired here (the logging example leaves it unused); its LEDs and
		// buttons carry nothing.
		"imp003-evb": {
			{Name: "imp003 EVB", Imp: "imp003", Parts: []Part{
				{Model: "tmp112", Bus: "i2cAB", Address: 0x92},
				{Model: "tcs3472", Bus: "i2cAB", Address: 0x52},
				{Model: "lis3dh", Bus: "i2cAB", Address: 0x30, Int1: "pinW"},
			}},
		},
		// FTDI's FT800 Embedded Video Engine (a 480×272 display) wired to an
		// April board as in Electric Imp's FT800_EVE reference
		// (reference/hardware/FT800_EVE): spi189 (SCK pin1, MOSI pin8, MISO
		// pin9), CS# pin7, PD# pin2, INT# pin5.
		"ft800": {
			{Name: "FT800 display on an April board (imp001)", Imp: "imp001", Parts: []Part{
				{Model: "ft800", Bus: "spi189", CS: "pin7", Reset: "pin2", Int1: "pin5"},
			}},
		},
		// A MAX3421E USB host shield wired to an imp002 as in Electric Imp's
		// max3421e reference (reference/hardware/max3421e): spi257, CS_L
		// pinA, RES_L pinB, INT pinC. Nothing is plugged into its USB port.
		"usb-host": {
			{Name: "MAX3421E USB host shield on an imp002 (empty port)", Imp: "imp002", Parts: []Part{
				{Model: "max3421e", Bus: "spi257", CS: "pinA", Reset: "pinB", Int1: "pinC"},
			}},
		},
		// An STN1110 OBD-II interpreter in a car's diagnostic connector,
		// wired to an April board's uart57 at 9600 baud as Electric Imp's
		// STN1110 library and its example use it.
		"stn1110": {
			{Name: "STN1110 OBD-II interpreter on an April board (imp001)", Imp: "imp001", Parts: []Part{
				{Model: "stn1110", Bus: "uart57", Baud: 9600},
			}},
		},
		// An STM32F4-Discovery board whose STM32F407 the imp programs
		// through its USART bootloader, wired as in Electric Imp's stm32
		// reference (reference/hardware/stm32/UART): NRST on pin8, BOOT0 on
		// pin9, the UART on an April board's pin5/pin7 (uart57) per its
		// README, or uart6E as its imp002 code has it.
		"stm32": {
			{Name: "STM32F4-Discovery on an April board (imp001)", Imp: "imp001", Parts: []Part{
				{Model: "stm32", Bus: "uart57", Reset: "pin8", Boot0: "pin9"},
			}},
			{Name: "STM32F4-Discovery wired to an imp002", Imp: "imp002", Parts: []Part{
				{Model: "stm32", Bus: "uart6E", Reset: "pin8", Boot0: "pin9"},
			}},
		},
		// Electric Imp's 9DOF Tail on an April board (imp001): its LSM9DS0
		// on i2c89, accelerometer/magnetometer at 0x3C and gyroscope at 0xD4
		// (the Tail's firmware in Electric Imp's examples). Its interrupt
		// lines (pin1, pin2, pin5, pin7) carry nothing here.
		"9dof-tail": {
			{Name: "9DOF Tail on an April board (imp001)", Imp: "imp001", Parts: []Part{
				{Model: "lsm9ds0", Bus: "i2c89", Address: 0x3C},
			}},
		},
		// The impC001 Breakout Board: rev4.2 per CellularBreakoutHAL; rev5.0
		// (the HAL of Electric Imp's impC001 tracker examples) adds the
		// BQ25895 charger (0xD4) and MAX17055 fuel gauge (0x6C) on i2cKL,
		// its cell as the environment's battery, on USB power.
		"impc001-breakout": {
			{Name: "impC001 Breakout Board (rev5.0)", Imp: "impC001", Parts: []Part{
				{Model: "hts221", Bus: "i2cKL", Address: ExplorerHTS221},
				{Model: "lis3dh", Bus: "i2cKL", Address: ExplorerLIS3DH, Int1: "pinW"},
				{Model: "bq25895", Bus: "i2cKL", Address: 0xD4},
				{Model: "max17055", Bus: "i2cKL", Address: 0x6C},
				{Model: "ws2812", Bus: "spiYJTHU", Count: 1, Gate: "pinYG"},
				{Model: "gps", Bus: "uartNU", Baud: 9600},
			}},
		},
	}
})

// KitNames lists the built-in board names for --board.
func KitNames() []string {
	names := append(slices.Collect(maps.Keys(Kits())), "none")
	slices.Sort(names)
	return names
}

// FindKit returns the built-in board name for impType.
func FindKit(name, impType string) (Kit, error) {
	kits, ok := Kits()[strings.ToLower(name)]
	if !ok {
		return Kit{}, fmt.Errorf("no built-in board %q (built in: %s; or a board file)", name, strings.Join(KitNames(), ", "))
	}
	var imps []string
	for _, k := range kits {
		if k.Imp == impType {
			return k, nil
		}
		imps = append(imps, k.Imp)
	}
	return Kit{}, fmt.Errorf("board %q has no %s edition (editions: %s; choose with --imp-type)", name, impType, strings.Join(imps, ", "))
}

// Build makes a board for an imp type from parts, with the imp's SPI
// flash. A part that cannot be attached is an error naming it.
func Build(name, impType string, env *Env, parts []Part) (*Board, error) {
	b := New(name, impType, env)
	typ, ok := imptype.Lookup(impType)
	if !ok {
		return nil, fmt.Errorf("unknown imp type %q", impType)
	}
	if typ.SPIFlashChip > 0 {
		b.Flash = NewImpFlash(typ.SPIFlashChip, typ.SPIFlashReserved)
	}
	for i, p := range parts {
		err := checkNames(typ, p)
		if err == nil {
			err = b.attach(b.Env, p) // env, or the default New made for a nil one
		}
		if err != nil {
			return nil, fmt.Errorf("device %d (%s): %w", i, p.Model, err)
		}
	}
	return b, nil
}

type registerSetter interface{ SetRegister(reg, v byte) error }

// selectedPart is a SPI part with a chip select, a reset (or power-down)
// input and an interrupt output.
type selectedPart interface {
	SPIDevice
	PinSink
	PinSource
}

// addSelected attaches dev on p's bus and chip select, its reset input to
// p.Reset and its interrupt output to p.Int1 where the board file wires
// them; what names the part in the error of a missing chip select.
func (b *Board) addSelected(p Part, what string, dev selectedPart) error {
	if p.CS == "" {
		return fmt.Errorf("%s needs its chip-select pin (cs)", what)
	}
	b.AddSPI(p.Bus, p.CS, dev)
	if p.Reset != "" {
		b.AddSink(p.Reset, dev)
	}
	return b.wireInt(p.Int1, dev)
}

// attach attaches a part: the SPI, UART and pin parts here, the I²C parts
// through their registration (registerI2C, in each part's file).
func (b *Board) attach(env *Env, p Part) error {
	switch p.Model {
	case "ws2812":
		w := NewWS2812(max(p.Count, 1), p.Gate != "")
		b.AddSPI(p.Bus, "", w)
		if p.Gate != "" {
			b.AddSink(p.Gate, w)
		}
		return nil
	case "spinor":
		if p.CS == "" {
			return fmt.Errorf("a SPI flash needs its chip-select pin (cs)")
		}
		if p.Size <= 0 || p.Size%FlashSector != 0 || p.Size > 16<<20 {
			return fmt.Errorf("size %d: a whole number of 4096-byte sectors up to 16 MB", p.Size)
		}
		b.AddSPI(p.Bus, p.CS, NewSPINOR(p.Size))
		return nil
	case "w5500":
		return b.addSelected(p, "a W5500", NewW5500(BenchLAN()))
	case "ft800":
		f := NewFT800()
		if p.Reset == "" {
			f.PinWritten(time.Time{}, 1) // PD_N tied high
		}
		return b.addSelected(p, "an FT800", f)
	case "max3421e":
		return b.addSelected(p, "a MAX3421E", NewMAX3421E())
	case "stn1110":
		return b.AddUART(p.Bus, NewSTN1110(env, p.Baud))
	case "cfa533":
		return b.AddUART(p.Bus, NewCFA533())
	case "stm32":
		m := NewSTM32Boot()
		if p.Reset != "" {
			b.AddSink(p.Reset, m.NRST())
		}
		if p.Boot0 != "" {
			b.AddSink(p.Boot0, m.BOOT0())
		}
		return b.AddUART(p.Bus, m)
	case "gps":
		g := NewGPS(env)
		if p.Baud > 0 {
			g.Baud = p.Baud
		}
		g.FixAfter = p.FixAfter
		return b.AddUART(p.Bus, g)
	case "modbus":
		s := NewModbusSlave(byte(p.Unit))
		if p.Baud > 0 {
			s.Baud = p.Baud
		}
		if p.Parity != 0 {
			s.Parity = p.Parity
		}
		if p.Functions != nil {
			s.Functions = p.Functions
		}
		if p.DE != "" {
			s.WireDE()
			b.AddSink(p.DE, s)
		}
		for k, v := range p.Holding {
			s.Holding[k] = v
		}
		for k, v := range p.Input {
			s.Input[k] = v
		}
		for k, v := range p.Coils {
			s.Coils[k] = v
		}
		for k, v := range p.Discrete {
			s.Discrete[k] = v
		}
		return b.AddUART(p.Bus, s)
	case "serial":
		s, err := NewSerial(p)
		if err != nil {
			return err
		}
		return b.AddUART(p.Bus, s)
	case "input":
		return b.AddSource(p.Pin, NewInput(env, p.Pin))
	default:
		if ok, err := b.attachRegistered(env, p); ok {
			return err
		}
		return fmt.Errorf("unknown model (models: %s)", strings.Join(Models, ", "))
	}
}

func sortedRegs(m map[byte]byte) []byte {
	var out []byte
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// checkNames checks that the bus and pins a part uses exist on the imp.
func checkNames(typ *imptype.Type, p Part) error {
	if p.Bus != "" {
		bus, ok := typ.Bus(p.Bus)
		if !ok {
			var names []string
			for _, b := range typ.Buses {
				names = append(names, b.Name)
			}
			return fmt.Errorf("an %s has no %s (its buses: %s)", typ.Name, p.Bus, strings.Join(names, ", "))
		}
		if want := map[string]string{"ws2812": "spi", "spinor": "spi", "w5500": "spi", "ft800": "spi", "max3421e": "spi", "gps": "uart", "modbus": "uart", "stm32": "uart", "stn1110": "uart", "serial": "uart", "cfa533": "uart"}[p.Model]; want == "" && bus.Kind.String() != "i2c" && p.Model != "input" ||
			want != "" && bus.Kind.String() != want {
			return fmt.Errorf("%s is not the kind of bus a %s sits on", p.Bus, p.Model)
		}
	}
	for _, pin := range []string{p.Pin, p.Int1, p.Int2, p.Gate, p.DE, p.CS, p.Reset, p.Boot0} {
		if _, ok := typ.Pin(pin); pin != "" && pin != BusCS && !ok {
			return fmt.Errorf("an %s has no %s", typ.Name, pin)
		}
	}
	return nil
}
