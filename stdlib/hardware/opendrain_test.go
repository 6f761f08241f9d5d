package hardware

import (
	"testing"

	"github.com/impvm/impvm/board"
)

// An open-drain output reads the line, not what the imp drives: Squirrel
// bit-banging I²C on the imp006's i2cLM pins (SCL pinL, SDA pinM) reads
// the BQ24295's acknowledge and its REG0A (0xC0, PN 110) there; a
// push-pull output reads what it drives.
func TestOpenDrainReadsTheLine(t *testing.T) {
	b, err := board.Build("bench", "imp006", nil, []board.Part{{Model: "bq24295", Bus: "i2cLM", Address: 0xD6}})
	if err != nil {
		t.Fatal(err)
	}
	_, vm, _, _, err := tryHWWith(Options{Type: "imp006", Board: b}, `
		local scl = hardware.pinL, sda = hardware.pinM;
		scl.configure(DIGITAL_OUT_OD, 1); sda.configure(DIGITAL_OUT_OD, 1);
		function start() { sda.write(0); scl.write(0); }
		function stop() { sda.write(0); scl.write(1); sda.write(1); }
		function out(v) {
			for (local i = 7; i >= 0; i--) { sda.write((v >> i) & 1); scl.write(1); scl.write(0); }
			sda.write(1); scl.write(1); local ack = sda.read() == 0; scl.write(0);
			return ack;
		}
		function inNack() {
			local v = 0;
			sda.write(1);
			for (local i = 0; i < 8; i++) { scl.write(1); v = (v << 1) | sda.read(); scl.write(0); }
			scl.write(1); scl.write(0);
			return v;
		}
		start(); acks <- [out(0xD6), out(0x0A)]; stop();
		start(); acks.push(out(0xD7)); reg0a <- inNack(); stop();
		start(); acks.push(out(0x90)); stop();
		hardware.pinA.configure(DIGITAL_OUT, 1);
		pushpull <- hardware.pinA.read();
		result <- format("%s %s %s %02X %d", acks[0].tostring(), acks[1].tostring(), acks[2].tostring(), reg0a, pushpull) + " " + acks[3].tostring();
	`)
	if err != nil {
		t.Fatal(err)
	}
	if got := global(t, vm, "result"); got != "true true true C0 1 false" {
		t.Errorf("got %q, want the three acknowledges, REG0A C0, the push-pull pin's 1, no acknowledge at 0x90", got)
	}
}
