package hardware

import (
	"time"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// newFFDAC makes hardware.fixedfrequencydac: blobs of samples played at
// a fixed rate through a DAC pin (or the imp004m's pwmpairKD); each
// buffer goes back to the callback once played, to be refilled and
// handed back with addbuffer(). The played samples go nowhere.
func (m *Module) newFFDAC() runtime.Value {
	return m.newStream(m.ffdacConfigure, m.ffdacStart, func(s *stream) runtime.Spec {
		return runtime.Spec{Name: "addbuffer", Params: "..", Fn: func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			if _, ok := base.BlobOf(args[1]); !ok {
				return runtime.Null, runtime.NewError("hardware.fixedfrequencydac.addbuffer: expected a blob")
			}
			s.queued = append(s.queued, args[1])
			if s.timer == nil && len(s.pins) > 0 && s.next == -1 {
				m.ffdacPlay(s) // restart after running dry
			}
			return runtime.Null, nil
		}}
	})
}

// configure(pin, rateHz, [blobs], callback[, flags]).
func (m *Module) ffdacConfigure(s *stream, args []runtime.Value) error {
	var out string
	if b, ok := runtime.PayloadOf[*bus](args[1]); ok {
		out = b.name
	} else if p := pinOf(args[1]); p != nil {
		out = p.name
	}
	if !contains(m.typ.FFDACPins, out) {
		return runtime.Errorf("hardware.fixedfrequencydac: not an output it can use on the %s (it can use %s)", m.typ.Name, join(m.typ.FFDACPins))
	}
	return m.setStream(s, []string{out}, args, "hardware.fixedfrequencydac", true)
}

func (m *Module) ffdacStart(s *stream) error {
	if len(s.pins) == 0 {
		return runtime.NewError("hardware.fixedfrequencydac: configure it before start()")
	}
	if s.timer == nil {
		m.ffdacPlay(s)
	}
	return nil
}

// ffdacPlay plays the first queued buffer, then hands it back. With no
// buffer queued the DAC runs dry and waits for addbuffer().
func (m *Module) ffdacPlay(s *stream) {
	if len(s.queued) == 0 {
		s.next = -1
		return
	}
	s.next = 0
	buf := s.queued[0]
	s.queued = s.queued[1:]
	bl, _ := base.BlobOf(buf)
	d := s.fillTime(len(bl.Bytes()), s.bytesPerSample(aLawDecompress))
	s.timer = m.q.After(max(d, time.Millisecond), func() error {
		s.timer = nil
		m.ffdacPlay(s)
		return m.callback(s.callback, buf)()
	})
}
