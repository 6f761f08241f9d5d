package board

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// guessOrder is the kits preferred when several have a part at the
// address: the current impExplorer Kits before the older tails that
// share an address with them (the Env Tail's LPS25H sits at 0xB8, where
// the Explorer Kit has its LPS22HB).
var guessOrder = []string{"explorer"}

// GuessKit returns the built-in board for impType that has an I²C part at
// addr8 (8-bit address, either direction) on bus: code that addresses one
// of a kit's sensors on the kit's sensor bus was written for that kit.
// Kits are tried in guessOrder, then the rest in name order, so the
// answer does not depend on map order.
func GuessKit(impType, bus string, addr8 byte) (Kit, bool) {
	for _, n := range kitNames() {
		for _, k := range Kits[n] {
			if k.Imp == impType && k.hasI2CPart(bus, addr8&^1) {
				return k, true
			}
		}
	}
	return Kit{}, false
}

// GuessKitSPI returns the built-in board for impType that has a SPI part
// on bus behind a chip-select pin the imp now drives low (selected),
// with its reset or power-down pin, when the board wires one to the imp,
// configured as an output: code that selects a board's SPI chip on its
// bus and drives its control pin was written for that board.
func GuessKitSPI(impType, bus string, selected, output func(pin string) bool) (Kit, bool) {
	for _, n := range kitNames() {
		for _, k := range Kits[n] {
			if k.Imp != impType {
				continue
			}
			for _, p := range k.Parts {
				if p.Bus == bus && p.CS != "" && selected(p.CS) && (p.Reset == "" || output(p.Reset)) {
					return k, true
				}
			}
		}
	}
	return Kit{}, false
}

// kitNames lists the built-in boards in the order guesses try them
// (made once: guesses are asked on every transfer until one finds a
// board).
var kitNames = sync.OnceValue(func() []string {
	names := make([]string, 0, len(Kits))
	for n := range Kits {
		if !slices.Contains(guessOrder, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return append(slices.Clip(guessOrder), names...)
})

// hasI2CPart reports whether one of the kit's parts answers at addr8 on
// bus.
func (k Kit) hasI2CPart(bus string, addr8 byte) bool {
	for _, p := range k.Parts {
		if p.Bus == bus && p.Address != 0 && (byte(p.Address) == addr8 || slices.Contains(otherAddresses(p), addr8)) {
			return true
		}
	}
	return false
}

// GuessKitUART returns the built-in board for impType with a part on
// UART bus that the code identifies: an STM32's USART bootloader speaks
// only 8 data bits with even parity (ST AN3155), so code configuring a
// board's STM32 UART that way was written for it; a Modbus slave behind
// an RS-485 transceiver is identified by the imp driving the board's
// driver-enable pin high (high reports the pins the imp drives high); an
// OBD interpreter by the ELM327 AT command the code sends it (sent: the
// bytes of the write being made, nil at configure). Parts on common
// framings without such a sign (a GPS at 9600 8N1) are not guessed.
func GuessKitUART(impType, bus string, line Line, high func(pin string) bool, sent []byte) (Kit, bool) {
	for _, n := range kitNames() {
		for _, k := range Kits[n] {
			if k.Imp != impType {
				continue
			}
			for _, p := range k.Parts {
				if p.Bus == bus && (p.Model == "stm32" && line.DataBits == 8 && line.Parity == 'E' ||
					p.Model == "modbus" && p.DE != "" && high(p.DE) ||
					p.Model == "stn1110" && isELMCommand(sent)) {
					return k, true
				}
			}
		}
	}
	return Kit{}, false
}

// isELMCommand reports whether p is an ELM327 AT command: "AT" (either
// case, spaces allowed) then letters, digits or '@' up to a CR.
func isELMCommand(p []byte) bool {
	cmd, rest, ok := strings.Cut(string(p), "\r")
	cmd = strings.ToUpper(strings.ReplaceAll(cmd, " ", ""))
	if !ok || rest != "" || len(cmd) < 3 || !strings.HasPrefix(cmd, "AT") {
		return false
	}
	for _, c := range cmd {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@') {
			return false
		}
	}
	return true
}
