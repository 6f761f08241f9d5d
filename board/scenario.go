package board

import (
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Scenario is the physical world over virtual time, read from a JSON
// file (impvm run --scenario FILE):
//
//	{
//	  "seed": 7,
//	  "quantities": {
//	    "temperature": {"points": [{"at": "0s", "value": 21.5},
//	                               {"at": "10m", "value": 31, "ramp": true}],
//	                    "noise": 0.2, "noise_step": "1s"},
//	    "humidity": 40
//	  },
//	  "devices": {"node-2": {"temperature": 35}}
//	}
//
// "quantities" applies to every device, "devices" to one by name (and
// wins). A quantity is a constant number or a curve (see Curve). Names
// are those of Defaults, or "level:PIN" for an input pin.
type Scenario struct {
	Seed    *int64
	All     map[string]Spec
	Devices map[string]map[string]Spec
}

// Spec is what one quantity does: a constant, or a curve.
type Spec struct {
	Const *float64
	Curve *Curve
}

func (s Spec) apply(e *Env, q string) {
	if s.Const != nil {
		e.Set(q, *s.Const)
	} else {
		e.Follow(q, s.Curve)
	}
}

// Apply sets up env for the device named device.
func (s *Scenario) Apply(env *Env, device string) {
	if s == nil {
		return
	}
	if s.Seed != nil {
		env.Seed = *s.Seed
	}
	for _, m := range []map[string]Spec{s.All, s.Devices[device]} {
		for _, q := range slices.Sorted(maps.Keys(m)) {
			m[q].apply(env, q)
		}
	}
}

// LoadScenario reads a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseScenario(path, data)
}

// ParseScenario parses a scenario; file names it in errors.
func ParseScenario(file string, data []byte) (*Scenario, error) {
	root, err := parseJSON(file, data)
	if err != nil {
		return nil, err
	}
	w := walker{file}
	s := &Scenario{All: map[string]Spec{}, Devices: map[string]map[string]Spec{}}
	err = w.fields(root, "", []string{"seed", "quantities", "devices", "comment"}, func(k string, v *node, f string) error {
		switch k {
		case "seed":
			n, err := w.integer(v, f, -1<<53, 1<<53)
			s.Seed = &n
			return err
		case "quantities":
			return w.quantities(v, f, s.All)
		case "devices":
			return w.fields(v, f, nil, func(name string, dv *node, df string) error {
				m := map[string]Spec{}
				s.Devices[name] = m
				return w.quantities(dv, df, m)
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (w walker) quantities(n *node, field string, into map[string]Spec) error {
	return w.fields(n, field, nil, func(q string, v *node, f string) error {
		if !KnownQuantity(q) {
			return w.errorf(v, f, "unknown quantity (known: %s, level:PIN)", strings.Join(slices.Sorted(maps.Keys(Defaults)), ", "))
		}
		spec, err := w.spec(v, f)
		into[q] = spec
		return err
	})
}

func (w walker) spec(n *node, field string) (Spec, error) {
	if n.kind == 'n' {
		v, err := w.number(n, field)
		return Spec{Const: &v}, err
	}
	c := &Curve{}
	err := w.fields(n, field, []string{"points", "noise", "noise_step"}, func(k string, v *node, f string) error {
		var err error
		switch k {
		case "noise":
			c.Noise, err = w.number(v, f)
			if err == nil && c.Noise < 0 {
				err = w.errorf(v, f, "must not be negative")
			}
		case "noise_step":
			c.NoiseStep, err = w.duration(v, f)
			if err == nil && c.NoiseStep <= 0 {
				err = w.errorf(v, f, "must be longer than 0")
			}
		case "points":
			err = w.points(v, f, c)
		}
		return err
	})
	if err == nil && len(c.Points) == 0 && c.Noise == 0 {
		err = w.errorf(n, field, "a curve needs \"points\" or \"noise\"")
	}
	return Spec{Curve: c}, err
}

func (w walker) points(n *node, field string, c *Curve) error {
	if err := w.want(n, field, 'a'); err != nil {
		return err
	}
	for i, it := range n.items {
		f := field + "[" + strconv.Itoa(i) + "]"
		var p Point
		have := map[string]bool{}
		err := w.fields(it, f, []string{"at", "value", "ramp"}, func(k string, v *node, sf string) error {
			var err error
			have[k] = true
			switch k {
			case "at":
				p.At, err = w.duration(v, sf)
			case "value":
				p.Value, err = w.number(v, sf)
			case "ramp":
				if err = w.want(v, sf, 'b'); err == nil {
					p.Ramp = v.b
				}
			}
			return err
		})
		if err != nil {
			return err
		}
		if !have["at"] || !have["value"] {
			return w.errorf(it, f, "a point needs \"at\" and \"value\"")
		}
		if len(c.Points) > 0 && p.At <= c.Points[len(c.Points)-1].At {
			return w.errorf(it, f+".at", "points must be in increasing time order")
		}
		c.Points = append(c.Points, p)
	}
	return nil
}

// ParseEnvSetting reads one --env setting, "[DEVICE@]QUANTITY=VALUE".
func ParseEnvSetting(s string) (device, quantity string, value float64, err error) {
	rest := s
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		device, rest = rest[:i], rest[i+1:]
	}
	q, v, ok := strings.Cut(rest, "=")
	if !ok {
		return "", "", 0, fmt.Errorf("--env %q: want [DEVICE@]QUANTITY=VALUE", s)
	}
	if !KnownQuantity(q) {
		return "", "", 0, fmt.Errorf("--env %q: unknown quantity %q (known: %s, level:PIN)", s, q, strings.Join(slices.Sorted(maps.Keys(Defaults)), ", "))
	}
	value, perr := strconv.ParseFloat(v, 64)
	if perr != nil || math.IsNaN(value) || math.IsInf(value, 0) { // NaN, Inf: no sensor reads them
		return "", "", 0, fmt.Errorf("--env %q: %q is not a number", s, v)
	}
	return device, q, value, nil
}
