package board

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Quantities of the physical world a device can sense. "level:NAME" is
// a pin input level (volts for analog inputs, 0/1 for digital ones).
const (
	Temperature = "temperature" // °C
	Humidity    = "humidity"    // %RH
	Pressure    = "pressure"    // hPa
	AccelX      = "accel_x"     // g, along the part's X axis
	AccelY      = "accel_y"
	AccelZ      = "accel_z"
	Latitude    = "latitude" // degrees, north positive
	Longitude   = "longitude"
	Altitude    = "altitude"        // metres
	Speed       = "speed"           // km/h over ground
	Course      = "course"          // degrees true
	Illuminance = "illuminance"     // lux of white light on the board
	Battery     = "battery"         // a Li-ion cell's state of charge, %
	BatteryMA   = "battery_current" // mA into the cell (negative: discharging)
	VBUS        = "vbus"            // volts at a charger's input (USB: 5)
	GyroX       = "gyro_x"          // degrees per second about the part's X axis
	GyroY       = "gyro_y"
	GyroZ       = "gyro_z"
	MagX        = "mag_x" // gauss along the part's X axis
	MagY        = "mag_y"
	MagZ        = "mag_z"
)

// Defaults are room conditions with the board lying flat (1 g down, read
// as +1 g on Z) at Electric Imp's old office in Los Altos, not moving,
// under office lighting.
var Defaults = map[string]float64{
	Temperature: 22.0,
	Humidity:    45.0,
	Pressure:    1013.25,
	AccelX:      0, AccelY: 0, AccelZ: 1,
	Latitude: 37.3794, Longitude: -122.1158, Altitude: 50,
	Speed: 0, Course: 0,
	Illuminance: 300,                       // an office
	Battery:     80, BatteryMA: 0, VBUS: 5, // a charged cell, on USB, idle
	GyroX: 0, GyroY: 0, GyroZ: 0,
	// The Earth's field at Los Altos (0.486 G, inclination 61°), X
	// towards magnetic north, Z up.
	MagX: 0.236, MagY: 0, MagZ: -0.425,
}

// KnownQuantity reports whether q names a quantity of the environment.
func KnownQuantity(q string) bool {
	_, ok := Defaults[q]
	return ok || strings.HasPrefix(q, "level:") && len(q) > len("level:")
}

// Env is the physical world one device senses: constant values, and
// curves over the time since Start that a scenario gives. It is pure:
// the same time gives the same value, however often it is asked.
type Env struct {
	Start  time.Time
	Seed   int64
	Device string // mixes the device's name into its noise
	// What differs from Defaults (both nil until something is set: a
	// thousand devices in the same room share Defaults, which stays in
	// the processor's cache).
	values map[string]float64
	curves map[string]*Curve
	// head is the noise hash of "Seed/Device/", made for headSeed and
	// headDevice (every sample of every part starts with it).
	head       uint64
	headSeed   int64
	headDevice string
	headOK     bool
}

// NewEnv makes an environment with the default values.
func NewEnv(seed int64) *Env { return &Env{Seed: seed} }

// Set fixes quantity q at v (a constant; it replaces a scenario curve).
func (e *Env) Set(q string, v float64) {
	if e.values == nil {
		e.values = map[string]float64{}
	}
	e.values[q] = v
	delete(e.curves, q)
}

// Follow makes quantity q follow c.
func (e *Env) Follow(q string, c *Curve) {
	if e.curves == nil {
		e.curves = map[string]*Curve{}
	}
	e.curves[q] = c
}

// value is quantity q's constant value (a curve's base).
func (e *Env) value(q string) (float64, bool) {
	if v, ok := e.values[q]; ok {
		return v, true
	}
	v, ok := Defaults[q]
	return v, ok
}

// Get is quantity q at now.
func (e *Env) Get(q string, now time.Time) float64 {
	base, _ := e.value(q)
	c := e.curves[q]
	if c == nil {
		return base
	}
	t := now.Sub(e.Start)
	v := c.at(t, base)
	if c.Noise > 0 {
		v += c.Noise * e.noise(q, t, c.NoiseStep)
	}
	return v
}

// Accel is the acceleration vector (g) at now.
func (e *Env) Accel(now time.Time) [3]float64 {
	return [3]float64{e.Get(AccelX, now), e.Get(AccelY, now), e.Get(AccelZ, now)}
}

// Noise is a part's measurement noise: a deterministic, roughly normal
// value (mean 0, deviation 1) for the part named key measuring at t, from
// the seed and the device's name, so readings vary sample to sample as a
// real part's do, and the same run gives the same readings.
func (e *Env) Noise(key string, t time.Time) float64 {
	return e.noiseAt("part:", key, "", t.Sub(e.Start), time.Nanosecond)
}

// NoiseSub is Noise(key+sub, t), without making that string: a part's
// key and the name of one of its measurements.
func (e *Env) NoiseSub(key, sub string, t time.Time) float64 {
	return e.noiseAt("part:", key, sub, t.Sub(e.Start), time.Nanosecond)
}

// noise is a deterministic, roughly normal value (mean 0, deviation 1)
// for quantity q in the step of time holding t.
func (e *Env) noise(q string, t time.Duration, step time.Duration) float64 {
	return e.noiseAt("", q, "", t, step)
}

// noiseAt is noise for the quantity named prefix+q+sub: the FNV-1a hash
// of "seed/device/prefix+q+sub/step number" picks the value (hashed as
// it goes, without building the string: sensors draw noise on every
// conversion).
func (e *Env) noiseAt(prefix, q, sub string, t time.Duration, step time.Duration) float64 {
	if step <= 0 {
		step = time.Second
	}
	x := e.noiseHead()
	x = fnvString(x, prefix)
	x = fnvString(x, q)
	x = fnvString(x, sub)
	x = fnvString(x, "/")
	var buf [20]byte
	x = fnvBytes(x, strconv.AppendInt(buf[:0], int64(t/step), 10))
	var sum float64
	for i := 0; i < 4; i++ { // Irwin-Hall: four uniforms, variance 1/3 → scale by sqrt(3)
		sum += float64(x&0xFFFF)/65535 - 0.5
		x >>= 16
	}
	return sum * math.Sqrt(3)
}

// noiseHead is the hash of "seed/device/", kept while Seed and Device
// stay as they are.
func (e *Env) noiseHead() uint64 {
	if !e.headOK || e.headSeed != e.Seed || e.headDevice != e.Device {
		var buf [20]byte
		x := fnvBytes(fnvOffset64, strconv.AppendInt(buf[:0], e.Seed, 10))
		x = fnvString(x, "/")
		x = fnvString(x, e.Device)
		e.head, e.headSeed, e.headDevice, e.headOK = fnvString(x, "/"), e.Seed, e.Device, true
	}
	return e.head
}

// fnvString and fnvBytes feed bytes to an FNV-1a hash.
func fnvString(x uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= fnvPrime64
	}
	return x
}

func fnvBytes(x uint64, b []byte) uint64 {
	for _, c := range b {
		x ^= uint64(c)
		x *= fnvPrime64
	}
	return x
}

// The FNV-1a 64-bit parameters (hash/fnv's).
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// Curve is a quantity over time: each point holds its value from its
// time until the next point, or, when the next point ramps, moves
// linearly to it. Before the first point the constant value holds.
type Curve struct {
	Points    []Point
	Noise     float64       // standard deviation of seeded noise added
	NoiseStep time.Duration // how long one noise sample lasts (default 1 s)
}

// Point is one value of a Curve.
type Point struct {
	At    time.Duration
	Value float64
	Ramp  bool // reach Value at At linearly from the previous point
}

func (c *Curve) at(t time.Duration, base float64) float64 {
	i := sort.Search(len(c.Points), func(i int) bool { return c.Points[i].At > t })
	// Points[:i] are at or before t.
	prevV, prevT := base, time.Duration(0)
	if i > 0 {
		prevV, prevT = c.Points[i-1].Value, c.Points[i-1].At
	}
	if i < len(c.Points) && c.Points[i].Ramp && c.Points[i].At > prevT {
		next := c.Points[i]
		f := float64(t-prevT) / float64(next.At-prevT)
		return prevV + f*(next.Value-prevV)
	}
	return prevV
}

// nextChange is when a curve at t (now on the clock) may next change
// value: its next point, or 10 ms on while it ramps or is noisy; zero
// when it never changes again.
func (c *Curve) nextChange(t time.Duration, now time.Time) time.Time {
	if c.Noise > 0 {
		step := c.NoiseStep
		if step <= 0 {
			step = time.Second
		}
		return now.Add(step - t%step)
	}
	i := sort.Search(len(c.Points), func(i int) bool { return c.Points[i].At > t })
	if i == len(c.Points) {
		return time.Time{}
	}
	if c.Points[i].Ramp {
		return now.Add(10 * time.Millisecond)
	}
	return now.Add(c.Points[i].At - t)
}

// defined reports whether quantity q was set or follows a curve (an
// input level nobody set is left to the part: a pull resistor).
func (e *Env) defined(q string) bool {
	_, set := e.value(q)
	return set || e.curves[q] != nil
}
