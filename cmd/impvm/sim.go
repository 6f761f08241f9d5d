package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/impvm/impvm/host"
)

// simSetters are the --sim keys: what the simulated physical world around
// each device reads as (see hardware.Physical and imp.Radio).
var simSetters = map[string]func(c *host.Config, v string) error{
	"ssid":       func(c *host.Config, v string) error { c.Radio.SSID = v; return nil },
	"country":    func(c *host.Config, v string) error { c.Radio.Country = v; return nil },
	"rssi":       func(c *host.Config, v string) error { return setInt(&c.Radio.RSSI, v, -120, -1) },
	"channel":    func(c *host.Config, v string) error { return setInt(&c.Radio.Channel, v, 1, 165) },
	"neighbours": func(c *host.Config, v string) error { return setInt(&c.Radio.Neighbours, v, 0, 30) },
	"voltage":    func(c *host.Config, v string) error { return setFloat(&c.Physical.Voltage, v, 0.1, 6) },
	"vbat":       func(c *host.Config, v string) error { return setFloat(&c.Physical.VBat, v, 0.1, 6) },
	"lightlevel": func(c *host.Config, v string) error { return setInt(&c.Physical.LightLevel, v, 1, 65535) },
}

func simKeys() []string { return slices.Sorted(maps.Keys(simSetters)) }

// applySim applies one --sim KEY=VALUE.
func applySim(c *host.Config, kv string) error {
	k, v, ok := strings.Cut(kv, "=")
	set, known := simSetters[k]
	if !ok || !known {
		return fmt.Errorf("--sim %q: want KEY=VALUE with KEY one of %s", kv, strings.Join(simKeys(), ", "))
	}
	if err := set(c, v); err != nil {
		return fmt.Errorf("--sim %s: %v", kv, err)
	}
	return nil
}

func setInt(dst *int, v string, lo, hi int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("want an integer from %d to %d", lo, hi)
	}
	*dst = n
	return nil
}

func setFloat(dst *float64, v string, lo, hi float64) error {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < lo || f > hi {
		return fmt.Errorf("want a number from %g to %g", lo, hi)
	}
	*dst = f
	return nil
}
