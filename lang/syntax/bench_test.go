package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// generateScript builds a realistic script of at least size bytes: a mix of
// classes, functions, tables, arrays, loops, switch, try/catch and
// expressions, with comments and strings.
func generateScript(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, scriptChunk, i, i, i, i, i, i, i)
	}
	return b.String()
}

const scriptChunk = `// ---- chunk %d ----
const LIMIT_%d = 100;
enum Mode%d { IDLE, RUN = 10, STOP }

class Sensor%d extends BaseSensor </ version = "1.0" /> {
    _pin = null;
    _readings = null;
    static NAME = "sensor";

    constructor(pin, rate = 10) {
        base.constructor(pin);
        _pin = pin;
        _readings = [];
        this.rate <- rate * 2 + 1;
    }

    function read() {
        local raw = _pin.read() & 0xFFFF;
        local value = (raw - 32768) / 327.68;
        _readings.append(value);
        if (_readings.len() > LIMIT) _readings.remove(0);
        return value;
    }

    function average() {
        local sum = 0.0;
        foreach (i, r in _readings) {
            sum += r;
        }
        return _readings.len() ? sum / _readings.len() : null;
    }
}

function process%d(data, callback = null) {
    local result = { count = 0, total = 0, "max-value": -1, items = [] };
    for (local i = 0; i < data.len(); i++) {
        local item = data[i];
        if (typeof item == "table" && "value" in item) {
            result.total += item.value;
            result.count++;
            if (item.value > result["max-value"]) result["max-value"] = item.value;
        } else if (item == null) {
            continue;
        } else {
            result.items.push(item.tostring() + "/" + i);
        }
    }
    switch (result.count %% 3) {
        case 0: server.log("zero"); break;
        case 1:
            server.log(format("one %%d", result.count));
            break;
        default:
            server.log("many");
    }
    try {
        if (callback != null) callback(null, result);
    } catch (err) {
        server.error("callback failed: " + err);
        throw err;
    }
    local mask = ((result.count << 4) | 0x0F) ^ ~0x3;
    local ok = !(mask >= 0 || result.total <= -1) && mask != 7;
    local fn = @(x) x * x + mask;
    return fn(result.count) + (mask >>> 1) + (mask >> 2);
}

local handlers%d = [
    function(msg) { return msg.len() > 0; },
    @(a, b) a <=> b,
    process%d
];
imp.wakeup(1.5, function() {
    local s = Sensor0(hardware.pin1);
    while (s.read() < 10) { ::count <- (::count + 1) %% 256; }
    do { s.read(); } while (false)
});

`

func BenchmarkParse(b *testing.B) {
	src := []byte(generateScript(1 << 20))
	if _, err := Parse("bench.nut", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("bench.nut", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLex measures the lexer alone.
func BenchmarkLex(b *testing.B) {
	src := generateScript(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		lx := newLexer("bench.nut", src)
		for {
			t, _ := lx.Next()
			if t.EOF() || t.Type == tkError {
				break
			}
		}
	}
}

// TestParseIsLinear checks that doubling the input roughly doubles the
// work (allocated bytes are used as a stable proxy for time).
func TestParseIsLinear(t *testing.T) {
	small := []byte(generateScript(64 << 10))
	large := []byte(generateScript(256 << 10))
	allocs := func(src []byte) float64 {
		return testing.AllocsPerRun(2, func() {
			if _, err := Parse("lin.nut", src); err != nil {
				t.Fatal(err)
			}
		})
	}
	ratio := allocs(large) / allocs(small) / (float64(len(large)) / float64(len(small)))
	if ratio < 0.8 || ratio > 1.25 {
		t.Fatalf("allocations per byte grow by %.2fx from 64K to 256K", ratio)
	}
}
