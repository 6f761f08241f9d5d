package board

import (
	"fmt"
	"strings"
	"testing"
)

// 0xD4 is the default address of two breakout parts: the BQ25895
// charger (7-bit 0x6A) and the LSM9DS0's gyroscope (SDO_G low: 0x6A).
// The register the code first addresses there tells them apart: the
// gyroscope's registers are WHO_AM_I_G (0x0F) and CTRL_REG1_G-
// INT1_DURATION_G (0x20-0x38), with the sub-address MSB asking for
// auto-increment; the charger's are REG00-REG14.
func TestBreakoutAtD4ByRegister(t *testing.T) {
	cases := []struct {
		first []byte // the first transaction's bytes
		model string
	}{
		{[]byte{0x0F}, "lsm9ds0"},       // WHO_AM_I_G
		{[]byte{0x8F}, "lsm9ds0"},       // WHO_AM_I_G, auto-increment
		{[]byte{0x20, 0x0F}, "lsm9ds0"}, // CTRL_REG1_G: on, 95 Hz
		{[]byte{0xA8}, "lsm9ds0"},       // OUT_X_L_G, auto-increment
		{[]byte{0x14}, "bq25895"},       // REG14: part number
		{[]byte{0x02, 0x3D}, "bq25895"}, // REG02 as the BQ25895 library's enable() writes it first
		{[]byte{0x0B}, "bq25895"},       // REG0B: status
		{[]byte{0x03, 0x1A}, "bq25895"},
	}
	for _, c := range cases {
		b, err := Build("none", "imp001", env(nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		var logged []string
		b.UseBreakouts(func(s string) { logged = append(logged, s) })
		if !b.I2CWrite(t0, "i2c89", 0xD4, c.first) {
			t.Errorf("% X: NACK", c.first)
			continue
		}
		if got := modelName(b.Device("i2c89", 0xD4)); got != c.model {
			t.Errorf("% X at 0xD4: a %s, want a %s", c.first, got, c.model)
		}
		if len(logged) != 1 || !strings.Contains(logged[0], c.model) {
			t.Errorf("% X: logged %q, want one line naming %s", c.first, logged, c.model)
		}
		switch c.model {
		case "lsm9ds0":
			if id, ok := b.I2CRead(t0, "i2c89", 0xD4, []byte{0x0F}, 1); !ok || id[0] != 0xD4 {
				t.Errorf("% X: WHO_AM_I_G % X %v, want D4", c.first, id, ok)
			}
			if id, ok := b.I2CRead(t0, "i2c89", 0x3C, []byte{0x0F}, 1); !ok || id[0] != 0x49 {
				t.Errorf("% X: the XM's WHO_AM_I at 0x3C % X %v, want 49", c.first, id, ok)
			}
		case "bq25895":
			if r, ok := b.I2CRead(t0, "i2c89", 0xD4, []byte{0x14}, 1); !ok || r[0]&0x38 != 0x38 {
				t.Errorf("% X: REG14 % X %v, want PN 111 (BQ25895)", c.first, r, ok)
			}
			if _, ok := b.I2CRead(t0, "i2c89", 0x3C, []byte{0x0F}, 1); ok {
				// 0x3C then takes an LSM9DS0 breakout, which needs 0xD4 too.
				t.Errorf("% X: an LSM9DS0 breakout answered at 0x3C beside the BQ25895 at 0xD4", c.first)
			}
			b.I2CRead(t0, "i2c89", 0x3C, []byte{0x0F}, 1)
			if len(logged) != 2 || !strings.Contains(logged[1], "no lsm9ds0 breakout") || !strings.Contains(logged[1], "0xD4 on i2c89 is taken by a bq25895") {
				t.Errorf("% X: logged %q, want the refused LSM9DS0 once, naming the BQ25895 at 0xD4", c.first, logged)
			}
		}
	}
}

// A part answering at several addresses is attached whole or not at
// all: where one of its addresses is taken, none is, and the error says
// which.
func TestAttachAllOrNothing(t *testing.T) {
	cases := []struct {
		taken byte
		part  Part
		free  []byte // the part's other addresses, left free
	}{
		{0x3C, Part{Model: "lsm9ds0", Bus: "i2c89", Address: 0x3C}, []byte{0xD4}},
		{0xD4, Part{Model: "lsm9ds0", Bus: "i2c89", Address: 0x3C}, []byte{0x3C}},
		{0xA6, Part{Model: "eeprom24", Bus: "i2c89", Address: 0xA0, Size: 2048}, []byte{0xA0, 0xA2, 0xA4, 0xA8, 0xAE}},
	}
	for _, c := range cases {
		b, err := Build("none", "imp001", env(nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.AddI2C("i2c89", c.taken, NewTMP102(b.Env)); err != nil {
			t.Fatal(err)
		}
		err = b.attach(b.Env, c.part)
		if err == nil || !strings.Contains(err.Error(), "tmp102") || !strings.Contains(err.Error(), fmt.Sprintf("0x%02X", c.taken)) {
			t.Errorf("%s with 0x%02X taken: error %v, want one naming the tmp102 at 0x%02X", c.part.Model, c.taken, err, c.taken)
		}
		for _, a := range c.free {
			if d := b.Device("i2c89", a); d != nil {
				t.Errorf("%s with 0x%02X taken: a %s attached at 0x%02X", c.part.Model, c.taken, modelName(d), a)
			}
		}
		if got := len(b.things); got != 1 {
			t.Errorf("%s with 0x%02X taken: %d parts described, want the tmp102 alone", c.part.Model, c.taken, got)
		}
	}
}
