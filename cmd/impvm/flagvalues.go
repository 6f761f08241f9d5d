package main

import (
	"errors"
	"fmt"
	"github.com/spf13/pflag"
	"strconv"
	"strings"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/host"
)

// Values of the run flags that are more than a number or a path.

// choice is a word a flag takes and the setting it stands for.
type choice[T any] struct {
	word  string
	value T
}

var onErrorWords = []choice[host.ErrorPolicy]{{"exit", host.OnErrorExit}, {"restart", host.OnErrorRestart}}

var logFormatWords = []choice[event.Format]{{"text", event.FormatText}, {"json", event.FormatJSON}}

// parseChoice is the setting that word s stands for among choices; the
// error names the flag and the words it takes.
func parseChoice[T any](flag, s string, choices []choice[T]) (T, error) {
	var words []string
	for _, c := range choices {
		if c.word == s {
			return c.value, nil
		}
		words = append(words, c.word)
	}
	var zero T
	return zero, fmt.Errorf("%s %q: want %s", flag, s, strings.Join(words, " or "))
}

// parseOutage parses [DEVICE@]AT[+FOR].
func parseOutage(s string) (host.Outage, error) {
	var o host.Outage
	var spec string
	o.Device, spec = cutDevice(s)
	at, dur, hasFor := strings.Cut(spec, "+")
	var err error
	if o.At, err = parseAt("--offline-at", s, at); err != nil {
		return o, err
	}
	if hasFor {
		if o.For, err = time.ParseDuration(dur); err != nil || o.For <= 0 {
			return o, fmt.Errorf("--offline-at %q: bad length %q", s, dur)
		}
	}
	return o, nil
}

// parsePinChange parses [DEVICE@]AT:PIN=LEVEL.
func parsePinChange(s string) (host.PinChange, error) {
	var c host.PinChange
	var spec string
	c.Device, spec = cutDevice(s)
	at, assign, ok := strings.Cut(spec, ":")
	pin, level, ok2 := strings.Cut(assign, "=")
	if !ok || !ok2 || pin == "" {
		return c, fmt.Errorf("--pin %q: want [DEVICE@]AT:PIN=LEVEL, e.g. 10s:pinA=1", s)
	}
	var err error
	if c.At, err = parseAt("--pin", s, at); err != nil {
		return c, err
	}
	switch level {
	case "0", "1":
		c.Pin, c.Level = pin, int(level[0]-'0')
	default:
		return c, fmt.Errorf("--pin %q: level must be 0 or 1", s)
	}
	return c, nil
}

// cutDevice splits the optional DEVICE@ from the front of a flag's value.
func cutDevice(s string) (device, rest string) {
	if dev, rest, ok := strings.Cut(s, "@"); ok {
		return dev, rest
	}
	return "", s
}

// parseAt parses AT, a time into the run, in value s of flag.
func parseAt(flag, s, at string) (time.Duration, error) {
	d, err := time.ParseDuration(at)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s %q: bad time %q", flag, s, at)
	}
	return d, nil
}

// depthFlag is --max-depth: a call depth, 0 for the runtime's default.
// A negative depth is refused when the flag is parsed.
type depthFlag int

func (d *depthFlag) String() string { return strconv.Itoa(int(*d)) }

func (d *depthFlag) Type() string { return "int" }

func (d *depthFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return errors.New("want a positive depth")
	}
	*d = depthFlag(n)
	return nil
}

// repeatable is a string flag that may be given many times, each value
// kept as given: pflag's StringArray, shown the same in help. pflag's own
// renders its default through a CSV writer when the flag is defined, a
// few kilobytes for every such flag on every start-up; repeatable's
// default (none) is "", so help shows no default, as for StringArray.
type repeatable struct{ list *[]string }

func (r repeatable) Set(s string) error { *r.list = append(*r.list, s); return nil }
func (r repeatable) Type() string       { return "stringArray" }

// String lists the values as "[a,b]" (without StringArray's CSV quoting);
// "" when there are none.
func (r repeatable) String() string {
	if len(*r.list) == 0 {
		return ""
	}
	return "[" + strings.Join(*r.list, ",") + "]"
}

// repeatableVar defines a repeatable flag.
func repeatableVar(fs *pflag.FlagSet, list *[]string, name, shorthand, usage string) {
	*list = nil
	fs.VarP(repeatable{list}, name, shorthand, usage)
}
