package host

import (
	"io"
	"strings"
	"testing"
)

// i2cReadScript reads the impExplorer Kit's HTS221 output registers
// (a 4-byte auto-increment read) N times in a loop through Squirrel.
const i2cReadScript = `
local i2c = hardware.i2c89;
i2c.configure(CLOCK_SPEED_400_KHZ);
i2c.write(0xBE, "\x20\x81");
local sum = 0;
for (local i = 0; i < N; i++) sum += i2c.read(0xBE, "\xA8", 4)[0];
server.log("done " + sum);
`

func i2cWorld(tb testing.TB, n int) *World {
	src := strings.Replace(i2cReadScript, "N", itoa(n), 1)
	w, err := New(Config{
		Scripts: []Script{{Path: "i2c.device.nut", Source: []byte(src)}},
		Virtual: true, ImpType: "imp001", Out: io.Discard,
		Board: BoardConfig{Board: "explorer"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

func itoa(n int) string {
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	if len(b) == 0 {
		return "0"
	}
	return string(b)
}

// BenchmarkI2CRegisterReads is I²C register reads per second through
// Squirrel: i2c.read of the HTS221's four output registers on the
// impExplorer Kit (in continuous mode at 1 Hz; each read also moves the
// device's virtual clock by its 115 µs on the wire).
func BenchmarkI2CRegisterReads(b *testing.B) {
	const n = 100000
	for b.Loop() {
		w := i2cWorld(b, n)
		if res := w.Run(); res.Code != ExitOK {
			b.Fatalf("status %d", res.Code)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "reads/s")
}
