package board

import (
	"fmt"
	"time"
)

// Input is what drives an imp input pin from outside: the environment's
// "level:PIN" quantity, in volts for an analog input (the ADC reads it
// against a 3.3 V supply, 0-65535, 12 bits accurate as the imp's ADCs
// are) and as a logic level for a digital input (above half the supply
// is 1). A scenario can script it over time (a potentiometer turned, a
// button held).
type Input struct {
	env  *Env
	q    string
	last float64
}

// SupplyVolts is the imp's supply, the ADC's reference.
const SupplyVolts = 3.3

// NewInput makes a source following quantity "level:"+name.
func NewInput(env *Env, name string) *Input { return &Input{env: env, q: "level:" + name} }

func (in *Input) Model() string { return "input" }

func (in *Input) volts(now time.Time) float64 {
	in.last = clamp(in.env.Get(in.q, now), 0, SupplyVolts)
	return in.last
}

func (in *Input) Level(now time.Time) int {
	if in.volts(now) > SupplyVolts/2 {
		return 1
	}
	return 0
}

func (in *Input) Analog(now time.Time) int {
	v := in.volts(now)
	return clampInt(v/SupplyVolts*4095, 0, 4095) << 4
}

// NextChange is the next point of the level's curve, or 10 ms on while
// it ramps or is noisy.
func (in *Input) NextChange(now time.Time) time.Time {
	c := in.env.curves[in.q]
	if c == nil {
		return time.Time{}
	}
	return c.nextChange(now.Sub(in.env.Start), now)
}

func (in *Input) Describe() string {
	return fmt.Sprintf("%s: %.3f V", in.q, in.last)
}
