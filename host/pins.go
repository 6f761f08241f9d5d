package host

import (
	"fmt"
	"slices"
	"strings"

	"github.com/impvm/impvm/event"
)

// checkPinChanges rejects pin changes for devices the run does not have.
func (w *World) checkPinChanges() error {
	names := deviceNames(w.cfg.Scripts)
	for _, c := range w.cfg.PinChanges {
		if c.Device != "" && !slices.Contains(names, c.Device) {
			return fmt.Errorf("pin change for %q: no device has that name (devices: %s)", c.Device, strings.Join(names, ", "))
		}
	}
	return nil
}

// schedulePinChanges sets each configured level at its time. The changes
// are world events: they survive Squirrel restarts of the device, and do
// not by themselves keep a finished device running (give --duration).
func (w *World) schedulePinChanges() {
	for _, c := range w.cfg.PinChanges {
		for _, d := range w.devices {
			if c.Device == "" || c.Device == d.Name {
				w.loop.After(c.At, func() { d.setPin(c) })
			}
		}
	}
}

// setPin applies one change to the device's running Squirrel.
func (d *Device) setPin(c PinChange) {
	if d.hwMod == nil {
		return
	}
	if !d.hwMod.SetPinLevel(c.Pin, c.Level) {
		d.Log(event.TypeStatus, fmt.Sprintf("pin change: this %s has no %s", d.ident.Type, c.Pin))
	}
}
