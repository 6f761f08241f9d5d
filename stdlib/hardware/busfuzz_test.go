package hardware

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// busProgram turns fuzz bytes into Squirrel that abuses every bus of an
// imp004m impExplorer Kit with a Modbus slave and a GPS on its UARTs and
// the SPI flash: arbitrary addresses, registers, lengths, clock rates,
// line settings, bit streams, pin levels and flash ranges, each call in
// a try so that a refused argument does not stop the rest.
func busProgram(ops []byte) string {
	var b strings.Builder
	b.WriteString("local i2c = hardware.i2cNM, spi = hardware.spiAHSR, u = hardware.uartFGJH, g = hardware.uartBCAW, f = hardware.spiflash;\n")
	b.WriteString("function cb() { u.read(); }\n")
	arg := func(i int) int {
		if i < len(ops) {
			return int(ops[i])
		}
		return 0
	}
	str := func(i, n int) string {
		var s strings.Builder
		for j := 0; j < n; j++ {
			fmt.Fprintf(&s, "\\x%02x", arg(i+j))
		}
		return "\"" + s.String() + "\""
	}
	for i := 0; i+4 < len(ops); i += 5 {
		a, c, d := arg(i+1), arg(i+2), arg(i+3)
		var call string
		switch ops[i] % 16 {
		case 0:
			call = fmt.Sprintf("i2c.configure(%s)", []string{"CLOCK_SPEED_10_KHZ", "CLOCK_SPEED_400_KHZ", "0", "-1"}[a%4])
		case 1:
			call = fmt.Sprintf("i2c.write(%d, %s)", a, str(i+2, c%6))
		case 2:
			call = fmt.Sprintf("i2c.read(%d, %s, %d)", a, str(i+2, c%3), d-40)
		case 3:
			call = "i2c.readerror()"
		case 4:
			call = fmt.Sprintf("spi.configure(%d, %d)", a, c*100-50)
		case 5:
			call = fmt.Sprintf("spi.write(%s)", str(i+1, d%12))
		case 6:
			call = []string{fmt.Sprintf("spi.writeread(%s)", str(i+1, d%12)), fmt.Sprintf("spi.read(%d)", c-1)}[a%2]
		case 7:
			call = fmt.Sprintf("u.configure(%d, %d, %d, %d, %d | %s, cb)", []int{9600, 19200, 0, -5, 115200}[a%5], c%10, d%4, a%3, c%8, []string{"0", "CALLBACK_WITH_FLAGS"}[d%2])
		case 8:
			call = fmt.Sprintf("u.write(%s)", str(i+1, d%10))
		case 9:
			call = []string{"u.flush()", "u.readblob()", "u.disable()", "u.setrxfifosize(1)", "u.settxfifosize(0)", "u.flags()"}[a%6]
		case 10:
			call = fmt.Sprintf("g.configure(%d, 8, PARITY_NONE, 1, NO_CTSRTS, function() { g.readstring(); })", []int{9600, 4800, 1}[a%3])
		case 11:
			call = fmt.Sprintf("hardware.pin%s.configure(DIGITAL_OUT, %d)", []string{"H", "E"}[c%2], a%2)
		case 12:
			call = []string{"f.enable()", "f.disable()", "f.size()"}[a%3]
		case 13:
			call = fmt.Sprintf("f.write(%d, %s)", (a<<14|c<<6|d)-100, str(i+2, d%9))
		case 14:
			call = fmt.Sprintf("f.read(%d, %d)", (a<<14|c<<6)-64, d*40-200)
		case 15:
			call = fmt.Sprintf("f.erasesector(%d)", (a<<14|c<<6|d)-4096)
		}
		fmt.Fprintf(&b, "try { %s; } catch (e) {}\n", call)
	}
	return b.String()
}

// FuzzBusAbuse: nothing Squirrel does to the buses, the flash or the
// parts on them panics impvm or hangs it; errors are Squirrel errors.
func FuzzBusAbuse(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0, 1, 0xBE, 0x20, 0x81, 0, 2, 0xBE, 0xA8, 6, 0, 7, 1, 8, 3, 0, 8, 3, 6, 8, 0, 9, 0, 0, 0, 0})
	f.Add([]byte{11, 1, 0, 0, 0, 4, 3, 75, 0, 0, 5, 0xF8, 0xC0, 0xF8, 24, 12, 0, 0, 0, 0, 13, 1, 2, 3, 4, 14, 1, 2, 3, 4, 15, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 400 {
			return
		}
		env := board.NewEnv(1)
		env.Start = event.Epoch
		k, err := board.FindKit("explorer", "imp004m")
		if err != nil {
			t.Fatal(err)
		}
		parts := append(k.Parts, board.Part{Model: "modbus", Bus: "uartFGJH", Unit: 1, Baud: 9600, DE: "pinE"},
			board.Part{Model: "gps", Bus: "uartBCAW", Baud: 9600})
		bd, err := board.Build("fuzz", "imp004m", env, parts)
		if err != nil {
			t.Fatal(err)
		}
		r := &runner{}
		l := event.NewLoop(event.NewVirtual(event.Epoch))
		dev := &fakeDevice{q: l.NewQueue(r)}
		vm := runtime.NewVM(runtime.Options{})
		base.Open(vm, base.Options{})
		Open(vm, Options{Device: dev, Type: "imp004m", Boot: event.Epoch, Board: bd})
		p, err := compile.Source("fuzz.nut", []byte(busProgram(ops)), nil)
		if err != nil {
			t.Fatalf("generated program does not compile: %v\n%s", err, busProgram(ops))
		}
		if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
			t.Fatalf("an error escaped the try blocks: %v", err)
		}
		l.Run(event.Epoch.Add(5 * time.Second))
	})
}
