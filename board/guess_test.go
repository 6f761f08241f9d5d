package board

import "testing"

func TestGuessKit(t *testing.T) {
	for _, c := range []struct {
		imp, bus string
		addr     byte
		want     string // "" none
	}{
		{"imp001", "i2c89", 0xBE, "impExplorer Kit (imp001)"},
		{"imp001", "i2c89", 0xB9, "impExplorer Kit (imp001)"},                   // LPS22HB, read address
		{"imp001", "i2c12", 0xBE, ""},                                           // not the kit's bus
		{"imp001", "i2c89", 0x80, "Env Sensor Tail on an April board (imp001)"}, // its Si7021
		{"imp001", "i2c89", 0xB8, "impExplorer Kit (imp001)"},                   // the Explorer Kit is preferred
		{"imp001", "i2c89", 0x90, ""},                                           // no kit part there
		{"imp004m", "i2cNM", 0x32, "impExplorer Kit (imp004m)"},
		{"imp002", "i2c89", 0x91, "imp002 EVB"}, // its TMP102, read address
		{"imp002", "i2c89", 0xBE, ""},
		{"imp006", "i2cLM", 0xBE, "imp006 Breakout Kit"},
		{"imp006", "i2cLM", 0x32, ""}, // the imp006 kit has no accelerometer
		{"impC001", "i2cKL", 0x32, "impC001 Breakout Board (rev5.0)"},
		{"impC001", "i2cKL", 0xBF, "impC001 Breakout Board (rev5.0)"},
		{"impC001", "i2cNM", 0x32, ""},
		{"impC001", "i2cKL", 0xD4, "impC001 Breakout Board (rev5.0)"}, // its charger
		{"impC001", "i2cKL", 0x6C, "impC001 Breakout Board (rev5.0)"}, // its fuel gauge
		{"imp005", "i2c0", 0x32, "imp005 EZ-Eval (Arrow)"},
		{"imp005", "i2c0", 0xB8, ""}, // the EZ-Eval has no barometer
		{"imp003", "i2cAB", 0xB8, "impAccelerator Battery Powered Sensor Node (imp003)"},
		{"imp003", "i2cFG", 0xBE, ""},                                     // the Sensor Node's RJ12 bus
		{"imp002", "i2c89", 0x42, "Janice sprinkler controller (imp002)"}, // its display board's SX1505
		{"imp002", "i2c89", 0xA2, "Janice sprinkler controller (imp002)"},
		{"imp002", "i2c89", 0x40, "Vanessa e-paper display (imp002)"},
		{"imp002", "i2c89", 0x92, "Sana IR remote (imp002)"},
		{"imp003", "i2cAB", 0x52, "imp003 EVB"},
		{"imp003", "i2cAB", 0x30, "imp003 EVB"},
		{"imp001", "i2c89", 0xA2, ""},                                     // a PCF8563 alone: a breakout, not a kit
		{"imp001", "i2c89", 0xD4, "9DOF Tail on an April board (imp001)"}, // its LSM9DS0's gyroscope
	} {
		k, ok := GuessKit(c.imp, c.bus, c.addr, nil)
		if got := map[bool]string{true: k.Name}[ok]; got != c.want {
			t.Errorf("GuessKit(%s, %s, %#x) = %q, want %q", c.imp, c.bus, c.addr, got, c.want)
		}
	}
}

// At 0xB8 the first register tells the Env Tail's LPS25H from the
// Explorer Kit's LPS22HB: the LPS25H library's softReset (CTRL_REG2 0x21)
// or enable (CTRL_REG1 0x20) gets the Env Tail; the LPS22HB's CTRL_REG1
// (0x10 is RES_CONF on the LPS25H: both) and a shared WHO_AM_I keep the
// preferred Explorer Kit; FIFO_CTRL (0x14) is the LPS22HB's alone.
func TestGuessKitAtB8ByRegister(t *testing.T) {
	const tail, kit = "Env Sensor Tail on an April board (imp001)", "impExplorer Kit (imp001)"
	for _, c := range []struct {
		first []byte
		want  string
	}{
		{[]byte{0x21, 0x84}, tail},
		{[]byte{0x20}, tail},
		{[]byte{0xA8}, kit},  // PRESS_OUT_XL with auto-increment: both have it
		{[]byte{0xB9}, tail}, // RPDS_L (0x39), the LPS25H's alone, with its auto-increment flag
		{[]byte{0x30}, tail},
		{[]byte{0x0F}, kit},
		{[]byte{0x10, 0x50}, kit},
		{[]byte{0x14}, kit},
		{[]byte{0x33}, kit},
		{nil, kit},
	} {
		k, ok := GuessKit("imp001", "i2c89", 0xB8, c.first)
		if got := map[bool]string{true: k.Name}[ok]; got != c.want {
			t.Errorf("GuessKit at 0xB8 sending % x = %q, want %q", c.first, got, c.want)
		}
	}
}

// At 0xD4 the register the code's first transaction addresses tells the
// LSM9DS0's gyroscope (WHO_AM_I_G 0x0F, 0x20-0x38) from the BQ25895
// (REG00-REG14): a charger driver on an April board's i2c89 does not get
// the 9DOF Tail, nor a gyroscope driver on the impC001's i2cKL the
// impC001 Breakout Board.
func TestGuessKitAtD4ByRegister(t *testing.T) {
	for _, c := range []struct {
		imp, bus string
		first    []byte
		want     string
	}{
		{"imp001", "i2c89", []byte{0x0F}, "9DOF Tail on an April board (imp001)"},
		{"imp001", "i2c89", []byte{0xA0, 0x0F}, "9DOF Tail on an April board (imp001)"},
		{"imp001", "i2c89", []byte{0x02, 0x3D}, ""},
		{"imp001", "i2c89", []byte{0x0B}, ""},
		{"impC001", "i2cKL", []byte{0x02, 0x3D}, "impC001 Breakout Board (rev5.0)"},
		{"impC001", "i2cKL", []byte{0x14}, "impC001 Breakout Board (rev5.0)"},
		{"impC001", "i2cKL", []byte{0x0F}, ""},
		{"impC001", "i2cKL", []byte{0x28 | 0x80}, ""},
	} {
		k, ok := GuessKit(c.imp, c.bus, 0xD4, c.first)
		if got := map[bool]string{true: k.Name}[ok]; got != c.want {
			t.Errorf("GuessKit(%s, %s, 0xD4, % X) = %q, want %q", c.imp, c.bus, c.first, got, c.want)
		}
	}
}
