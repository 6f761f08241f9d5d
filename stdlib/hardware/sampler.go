package hardware

import (
	"encoding/binary"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/imp"
)

// Sampler and fixedfrequencydac flags, in bit order. The imp documents
// them by name only; these values are impvm's own.
const (
	aLawCompress = 1 << iota
	aLawDecompress
	audioFlag
	normalise // the sampler scales samples to the full range (steady simulated levels are unchanged)
)

var samplerConstants = runtime.Flags("A_LAW_COMPRESS", "A_LAW_DECOMPRESS", "AUDIO", "NORMALISE")

// stream is a sampler or fixed-frequency DAC: the buffers it cycles
// through, its rate, its callback and its running timer.
type stream struct {
	pins     []string
	rate     float64 // samples per second per channel
	buffers  []runtime.Value
	next     int // index of the next buffer to fill or play
	callback runtime.Value
	flags    int32
	timer    *event.Event
	queued   []runtime.Value // ffdac: buffers waiting to play
}

// newSampler makes hardware.sampler: ADC pins sampled at a fixed rate
// into a ring of blobs handed to a callback as each fills. The simulated
// inputs hold the steady level pin.read() reports for ANALOG_IN.
func (m *Module) newSampler() runtime.Value {
	return m.newStream(m.samplerConfigure, m.samplerStart, func(s *stream) runtime.Spec {
		return runtime.Spec{Name: "reset", Params: "_", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			m.streamStop(s)
			*s = stream{callback: runtime.Null}
			return runtime.Null, nil
		}}
	})
}

// newStream makes an object over a new stream, as hardware.sampler and
// hardware.fixedfrequencydac are: configure(pin, rateHz, [blobs],
// callback[, flags]), start() and stop(), and the one member of its own
// that extra gives.
func (m *Module) newStream(configure func(*stream, []runtime.Value) error, start func(*stream) error, extra func(*stream) runtime.Spec) runtime.Value {
	s := &stream{callback: runtime.Null}
	m.streams = append(m.streams, s)
	kind := runtime.NewKind(imp.MetaTypeName, []runtime.Spec{
		{Name: "configure", Params: "..n.c*.", Fn: func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			return runtime.Null, configure(s, args)
		}},
		{Name: "start", Params: "_", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Null, start(s)
		}},
		{Name: "stop", Params: "_", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			m.streamStop(s)
			return runtime.Null, nil
		}},
		extra(s),
	})
	return kind.New(s)
}

// configure(pin or [pins], rateHz, [blobs], callback[, flags]).
func (m *Module) samplerConfigure(s *stream, args []runtime.Value) error {
	pins, err := m.streamPins(args[1], m.typ.SamplerPins, "hardware.sampler")
	if err != nil {
		return err
	}
	return m.setStream(s, pins, args, "hardware.sampler", false)
}

// setStream (re)configures s for pins from configure's rate, buffers,
// callback and optional flags (args[2:]); queued: the buffers start out
// queued to play (the fixed-frequency DAC), not empty to fill (the
// sampler).
func (m *Module) setStream(s *stream, pins []string, args []runtime.Value, what string, queued bool) error {
	rate, _ := args[2].ToFloat()
	if rate <= 0 {
		return runtime.NewError(what + ": the sample rate must be positive")
	}
	bufs, err := blobArray(args[3], what)
	if err != nil {
		return err
	}
	m.streamStop(s)
	*s = stream{pins: pins, rate: float64(rate), buffers: bufs, callback: args[4]}
	if queued {
		s.queued = append([]runtime.Value(nil), bufs...)
	}
	if len(args) > 5 {
		s.flags, _ = args[5].ToInt()
	}
	return nil
}

// streamPins checks a pin (or array of pins) against the imp type's
// capable pins.
func (m *Module) streamPins(v runtime.Value, capable []string, what string) ([]string, error) {
	var vals []runtime.Value
	if v.Type() == runtime.TArray {
		vals = v.Array().Elems
	} else {
		vals = []runtime.Value{v}
	}
	var out []string
	for _, pv := range vals {
		p := pinOf(pv)
		if p == nil || !contains(capable, p.name) {
			return nil, runtime.Errorf("%s: not a pin it can use on the %s (it can use %s)", what, m.typ.Name, join(capable))
		}
		out = append(out, p.name)
	}
	if len(out) == 0 {
		return nil, runtime.Errorf("%s: no pins given", what)
	}
	return out, nil
}

func blobArray(v runtime.Value, what string) ([]runtime.Value, error) {
	if v.Type() != runtime.TArray || len(v.Array().Elems) == 0 {
		return nil, runtime.Errorf("%s: buffers must be a non-empty array of blobs", what)
	}
	for _, b := range v.Array().Elems {
		if bl, ok := base.BlobOf(b); !ok || len(bl.Bytes()) == 0 {
			return nil, runtime.Errorf("%s: buffers must be a non-empty array of blobs", what)
		}
	}
	return v.Array().Elems, nil
}

// bytesPerSample is 1 with A-law, else 2 (16-bit little-endian).
func (s *stream) bytesPerSample(alaw int32) int {
	if s.flags&alaw != 0 {
		return 1
	}
	return 2
}

// fillTime is how long one buffer of n bytes takes at the stream's rate.
func (s *stream) fillTime(n, perSample int) time.Duration {
	samples := float64(n) / float64(perSample*len(s.pins))
	return time.Duration(samples / s.rate * float64(time.Second))
}

func (m *Module) samplerStart(s *stream) error {
	if len(s.buffers) == 0 {
		return runtime.NewError("hardware.sampler: configure it before start()")
	}
	if s.timer != nil {
		return nil
	}
	m.samplerSchedule(s)
	return nil
}

// samplerSchedule arranges for the next buffer to be delivered full.
func (m *Module) samplerSchedule(s *stream) {
	buf := s.buffers[s.next]
	bl, _ := base.BlobOf(buf)
	per := s.bytesPerSample(aLawCompress)
	n := len(bl.Bytes()) / (per * len(s.pins)) * per * len(s.pins)
	s.timer = m.q.After(max(s.fillTime(n, per), time.Millisecond), func() error {
		s.timer = nil
		m.fillSamples(s, bl.Bytes()[:n])
		s.next = (s.next + 1) % len(s.buffers)
		m.samplerSchedule(s)
		return m.callback(s.callback, buf, runtime.Int(int32(n)))()
	})
}

// fillSamples writes the pins' readings, interleaved, into b.
func (m *Module) fillSamples(s *stream, b []byte) {
	for i := 0; i < len(b); {
		for _, p := range s.pins {
			level := analogLevel(p)
			if s.flags&aLawCompress != 0 {
				b[i] = alawEncode(int16(level - 32768))
				i++
			} else {
				binary.LittleEndian.PutUint16(b[i:], uint16(level))
				i += 2
			}
			if i >= len(b) {
				return
			}
		}
	}
}

func (m *Module) streamStop(s *stream) {
	if s.timer != nil {
		m.q.Cancel(s.timer)
		s.timer = nil
	}
}
