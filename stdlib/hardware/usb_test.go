package hardware

import (
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/event"
)

// With nothing plugged in, a configured port raises no event: the
// callback never runs, and a transfer throws.
func TestUSBNothingPluggedIn(t *testing.T) {
	for typ, port := range map[string]string{"imp005": "usb", "impC001": "usbAB"} {
		_, vm, l, r := openHW(t, typ, strings.ReplaceAll(`
			events <- "";
			local names = {};
			foreach (c in [USB_DEVICE_CONNECTED, USB_TRANSFER_COMPLETED, USB_DEVICE_DISCONNECTED, USB_UNRECOVERABLE_ERROR]) names[c] <- 1;
			distinct <- names.len();
			hardware.usb.configure(function(type, details) { events += type + ";"; });
			thrown <- "";
			try { hardware.usb.generaltransfer(1, 0x81, 2, blob(8)); } catch (e) { thrown = e; }
		`, "hardware.usb.", "hardware."+port+"."))
		l.Run(event.Epoch.Add(time.Hour))
		if len(r.errs) != 0 {
			t.Fatal(r.errs)
		}
		if got := global(t, vm, "distinct"); got != "4" {
			t.Errorf("%s: %s distinct event constants, want 4", typ, got)
		}
		if got := global(t, vm, "events"); got != "" {
			t.Errorf("%s: events %q with nothing plugged in", typ, got)
		}
		if got := global(t, vm, "thrown"); !strings.Contains(got, "no USB device is attached") {
			t.Errorf("%s: transfer threw %q", typ, got)
		}
	}
	if _, _, _, _, err := tryHW("imp006", `hardware.usb.configure(function(t, d) {})`); err == nil {
		t.Error("imp006 has a hardware.usb")
	}
	if _, _, _, _, err := tryHW("impC001", `hardware.usb.configure(function(t, d) {})`); err == nil {
		t.Error("impC001 has a hardware.usb (its port is hardware.usbAB)")
	}
}
