package board

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestScenarioCurve(t *testing.T) {
	s, err := ParseScenario("day.json", []byte(`{
  "quantities": {
    "temperature": {"points": [{"at": "1m", "value": 20}, {"at": "3m", "value": 30, "ramp": true}]},
    "humidity": 60
  },
  "devices": {"node-2": {"temperature": 35}}
}`))
	if err != nil {
		t.Fatal(err)
	}
	e := NewEnv(1)
	e.Start = t0
	s.Apply(e, "node-1")
	for _, c := range []struct {
		at   time.Duration
		want float64
	}{{0, 22}, {time.Minute, 20}, {2 * time.Minute, 25}, {3 * time.Minute, 30}, {time.Hour, 30}} {
		if got := e.Get(Temperature, t0.Add(c.at)); got != c.want {
			t.Errorf("temperature at %v = %v, want %v", c.at, got, c.want)
		}
	}
	if got := e.Get(Humidity, t0); got != 60 {
		t.Errorf("humidity %v", got)
	}
	e2 := NewEnv(1)
	s.Apply(e2, "node-2")
	if got := e2.Get(Temperature, t0.Add(2*time.Minute)); got != 35 {
		t.Errorf("node-2 temperature %v, want 35", got)
	}
}

// Seeded noise: the same seed and time give the same value; another
// seed another.
func TestScenarioNoiseDeterministic(t *testing.T) {
	c := &Curve{Noise: 0.5}
	mk := func(seed int64) *Env {
		e := NewEnv(seed)
		e.Start = t0
		e.Follow(Temperature, c)
		return e
	}
	a, b, other := mk(3), mk(3), mk(4)
	at := t0.Add(90 * time.Second)
	if a.Get(Temperature, at) != b.Get(Temperature, at) {
		t.Error("same seed, different noise")
	}
	if a.Get(Temperature, at) == other.Get(Temperature, at) {
		t.Error("different seeds, same noise")
	}
	if a.Get(Temperature, at) == 22 {
		t.Error("no noise")
	}
}

func TestScenarioErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"{\n  \"quantities\": {\n    \"temprature\": 3\n  }\n}", "s.json:3: quantities.temprature: unknown quantity"},
		{"{\"quantities\": {\"temperature\": {\n\"points\": [{\"at\": \"10x\", \"value\": 1}]}}}", "s.json:2: quantities.temperature.points[0].at: bad time \"10x\""},
		{"{\"quantities\": {\"humidity\": {\"points\": [{\"at\": \"2m\", \"value\": 1},\n {\"at\": \"1m\", \"value\": 2}]}}}", "s.json:2: quantities.humidity.points[1].at: points must be in increasing time order"},
		{"{\"seed\": \"x\"}", "s.json:1: seed: want a number"},
		{"{\"quantities\": {\n\"pressure\": {\"points\": [{\"at\": \"1s\"}]}}}", "s.json:2: quantities.pressure.points[0]: a point needs \"at\" and \"value\""},
		{"{\"quantities\": {}\n,", "s.json:2: invalid JSON"},
		{"{\"extra\": 1}", "s.json:1: extra: unknown field"},
	} {
		_, err := ParseScenario("s.json", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}

func TestBoardFile(t *testing.T) {
	bf, err := ParseBoardFile("b.json", []byte(`{
  "name": "bench",
  "imp": "imp001",
  "base": "explorer",
  "devices": [
    {"model": "tmp102", "bus": "i2c12", "address": "0x92", "alert": "pin2"},
    {"model": "modbus", "bus": "uart57", "unit": 7, "holding": {"0x10": 500}}
  ]
}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(bf.Name, bf.Imp, NewEnv(1), bf.AllParts())
	if err != nil {
		t.Fatal(err)
	}
	if !b.UsesI2CAddress("i2c89", 0xBE) || !b.UsesI2CAddress("i2c12", 0x92) || b.UART("uart57") == nil || b.Source("pin2") == nil {
		t.Errorf("board %s", b.Summary())
	}
}

func TestBoardFileErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`{"devices": []}`, "b.json:1: imp: missing"},
		{"{\"imp\": \"imp001\",\n \"devices\": [\n  {\"model\": \"hts221\", \"bus\": \"i2c89\", \"address\": \"0x5F\"}]}", "b.json:3: devices[0].address: 0x5F is odd"},
		{"{\"imp\": \"imp001\", \"devices\": [\n{\"model\": \"bme280\"}]}", "b.json:2: devices[0].model: unknown model \"bme280\""},
		{"{\"imp\": \"imp001\", \"devices\": [\n{\"model\": \"ws2812\", \"bus\": \"i2c89\"}]}", "b.json:2: devices[0].bus: want a spi name"},
		{"{\"imp\": \"imp001\", \"devices\": [{\"model\": \"gps\",\n \"bus\": \"uart12\", \"baud\": 12.5}]}", "b.json:2: devices[0].baud: want an integer"},
		{"{\"imp\": \"imp009\"}", "b.json:1: imp: unknown imp type"},
		{"{\"imp\": \"imp006\", \"base\": \"explorer\", \"devices\": [{\"model\": \"input\"}]}", "devices[0].pin: missing"},
		{"{\"imp\": \"imp003\",\n \"spiflash\": 5000}", "b.json:2: spiflash: 5000 is not a whole number of 4096-byte sectors"},
		{"{\"spiflash\": 65536,\n \"imp\": \"imp001\"}", "b.json:1: spiflash: an imp001 has no hardware.spiflash"},
		{"{\"imp\": \"imp005\", \"devices\": [{\"model\": \"modbus\", \"bus\": \"uart2\",\n \"parity\": \"mark\"}]}", "b.json:2: devices[0].parity: want \"even\", \"odd\" or \"none\""},
		{"{\"imp\": \"imp005\", \"devices\": [{\"model\": \"modbus\", \"bus\": \"uart2\",\n \"functions\": [3, 65]}]}", "b.json:2: devices[0].functions[1]: the slave has no function 65"},
	} {
		_, err := ParseBoardFile("b.json", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
	// Names the imp type lacks are caught when the board is built.
	bf, err := ParseBoardFile("b.json", []byte(`{"imp": "imp001", "devices": [{"model": "hts221", "bus": "i2cLM"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build("b", bf.Imp, NewEnv(1), bf.AllParts()); err == nil || !strings.Contains(err.Error(), "has no i2cLM") {
		t.Errorf("build error %v", err)
	}
}

func FuzzParseScenario(f *testing.F) {
	f.Add([]byte(`{"seed": 1, "quantities": {"temperature": {"points": [{"at": "1m", "value": 2, "ramp": true}], "noise": 0.1}}, "devices": {"a": {"level:pin1": 1}}}`))
	f.Add([]byte(`{"quantities": {"humidity": 5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScenario("f.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.json:") {
				t.Fatalf("error without file:line: %v", err)
			}
			return
		}
		e := NewEnv(1)
		s.Apply(e, "a")
		for q := range Defaults {
			e.Get(q, t0.Add(time.Minute))
		}
	})
}

func FuzzParseBoardFile(f *testing.F) {
	f.Add([]byte(`{"imp": "imp001", "base": "explorer", "devices": [{"model": "tmp102", "bus": "i2c12", "address": 144, "alert": "pin2"}, {"model": "modbus", "bus": "uart57", "holding": {"1": 2}, "coils": {"3": true}}]}`))
	f.Add([]byte(`{"imp": "imp006", "devices": [{"model": "lis3dh", "bus": "i2cLM", "registers": {"0x20": 87}, "int1": "pinA"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bf, err := ParseBoardFile("f.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.json:") {
				t.Fatalf("error without file:line: %v", err)
			}
			return
		}
		for i := range bf.Parts { // no files or ports from fuzzed input
			bf.Parts[i].InFile, bf.Parts[i].OutFile, bf.Parts[i].TCPPort = "", "", 0
		}
		if b, err := Build("f", bf.Imp, NewEnv(1), bf.AllParts()); err == nil {
			b.Close()
		}
	})
}

// FuzzI2CModels drives every I²C model with arbitrary transactions at
// arbitrary times: nothing panics, reads return what was asked.
func FuzzI2CModels(f *testing.F) {
	f.Add([]byte{0x20, 0x57, 0x00, 0xA8, 0x06, 0x24, 0x40, 0x2E, 0x80})
	f.Add([]byte{0xE5, 0x00, 0x03, 0xF5, 0x10, 0x03})
	f.Fuzz(func(t *testing.T, ops []byte) {
		e := NewEnv(1)
		e.Start = t0
		l9 := NewLSM9DS0(e, "l")
		ee, _ := NewEEPROM24(256)
		ew, _ := NewEEPROM24(4096)
		devs := []I2CDevice{NewHTS221(e, ""), NewLPS22HB(e, ""), NewLIS3DH(e, ""), NewSi702x(e, "", 0x15), NewTMP102(e), NewLPS25H(e, ""), NewPCF8563(),
			NewSX1505(e, "x"), ee, ew, NewMMA8452Q(e, "m"), NewTCS3472(e, "c"), NewBQ25895(e), NewBQ24295(e), NewMAX17055(e), l9, lsmGyro{l9}}
		at := t0
		for i := 0; i+2 < len(ops); i += 3 {
			d := devs[int(ops[i])%len(devs)]
			gap := time.Duration(ops[i+2]) * time.Millisecond
			if ops[i+1]&0x80 != 0 {
				gap *= 60000 // up to four hours asleep: catching up stays cheap
			}
			at = at.Add(gap)
			if ops[i+1]&1 == 0 {
				d.Write(at, ops[i:min(i+3, len(ops))])
			} else if out, ok := d.Read(at, int(ops[i+2]%40)); ok && len(out) != int(ops[i+2]%40) {
				t.Fatalf("asked %d bytes, got %d", ops[i+2]%40, len(out))
			}
			if l, ok := d.(PinSource); ok {
				l.Level(at)
			}
		}
	})
}

// The example board files parse and build.
func TestExampleBoards(t *testing.T) {
	files, _ := filepath.Glob("../examples/boards/*.json")
	if len(files) == 0 {
		t.Fatal("no example boards")
	}
	for _, f := range files {
		bf, err := LoadBoardFile(f)
		if err != nil {
			t.Error(err)
			continue
		}
		if _, err := Build(bf.Name, bf.Imp, NewEnv(1), bf.AllParts()); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// --env values: NaN and the infinities are refused as 1e309 is (no
// sensor model reads them).
func TestParseEnvSettingNumbers(t *testing.T) {
	for _, c := range []struct{ in, err string }{
		{"temperature=21.5", ""},
		{"node-2@humidity=-3e2", ""},
		{"temperature=NaN", `--env "temperature=NaN": "NaN" is not a number`},
		{"humidity=Inf", `--env "humidity=Inf": "Inf" is not a number`},
		{"level:pin1=-Inf", `--env "level:pin1=-Inf": "-Inf" is not a number`},
		{"temperature=1e309", `--env "temperature=1e309": "1e309" is not a number`},
	} {
		_, _, _, err := ParseEnvSetting(c.in)
		if got := fmt.Sprint(err); (c.err == "" && err != nil) || (c.err != "" && got != c.err) {
			t.Errorf("%s: %v, want %q", c.in, err, c.err)
		}
	}
}
