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
// answer does not depend on map order. sent is what the transaction
// sends (its register address first; nil: unknown): where two parts
// share an address it must be the kit's part's register (partFits).
func GuessKit(impType, bus string, addr8 byte, sent []byte) (Kit, bool) {
	addr8 &^= 1
	return firstKit(impType, func(p Part) bool {
		return p.Bus == bus && p.Address != 0 && (byte(p.Address) == addr8 || slices.Contains(otherAddresses(p), addr8)) &&
			partFits(p.Model, addr8, sent)
	})
}

// firstKit is the first built-in board for impType, in the order guesses
// try them (kitNames), with a part that fits.
func firstKit(impType string, fits func(Part) bool) (Kit, bool) {
	for _, n := range kitNames() {
		for _, k := range Kits()[n] {
			if k.Imp == impType && slices.ContainsFunc(k.Parts, fits) {
				return k, true
			}
		}
	}
	return Kit{}, false
}

// partFits reports whether a transaction sending sent to addr8 (8-bit,
// write address) can be for part model there: at 0xD4, the default
// address of both the BQ25895 charger and the LSM9DS0's gyroscope, the
// register addressed first tells them apart (gyroRegister); at 0xB8,
// where the Explorer Kit's LPS22HB and the Env Tail's LPS25H both sit,
// a register only one of them has does (baroRegister). An empty
// transaction fits either.
func partFits(model string, addr8 byte, sent []byte) bool {
	if len(sent) == 0 {
		return true
	}
	switch {
	case addr8 == 0xD4 && model == "lsm9ds0":
		return gyroRegister(sent[0])
	case addr8 == 0xD4 && model == "bq25895":
		return !gyroRegister(sent[0])
	case model == "lps25h" || model == "lps22hb":
		return baroRegister(model, sent[0])
	}
	return true
}

// baroRegister reports whether first (its MSB, the LPS25H's
// auto-increment flag, ignored) addresses a register of ST's LPS25H
// (DocID023722: REF_P 0x08-0x0A, WHO_AM_I, RES_CONF 0x10, CTRL_REG1-4 and
// INT_CFG 0x20-0x24, INT_SOURCE, STATUS and the outputs 0x25-0x2C, FIFO
// 0x2E-0x2F, THS_P 0x30-0x31, RPDS 0x39-0x3A) or of its successor the
// LPS22HB (DocID027083: INTERRUPT_CFG and THS_P 0x0B-0x0D, WHO_AM_I,
// CTRL_REG1-3 0x10-0x12, FIFO_CTRL to RES_CONF 0x14-0x1A, INT_SOURCE to
// the outputs 0x25-0x2C, LPFP_RES 0x33). A driver's CTRL_REG1 is 0x20 on
// the one and 0x10 on the other.
func baroRegister(model string, first byte) bool {
	r := first & 0x7F
	in := func(lo, hi byte) bool { return r >= lo && r <= hi }
	if model == "lps25h" {
		return in(0x08, 0x0A) || r == 0x0F || r == 0x10 || in(0x20, 0x25) || in(0x27, 0x2C) || in(0x2E, 0x31) || in(0x39, 0x3A)
	}
	return in(0x0B, 0x0D) || r == 0x0F || in(0x10, 0x12) || in(0x14, 0x1A) || in(0x25, 0x2C) || r == 0x33
}

// gyroRegister reports whether a transaction's first byte addresses an
// LSM9DS0 gyroscope register: WHO_AM_I_G (0x0F) or CTRL_REG1_G to
// INT1_DURATION_G (0x20-0x38), the MSB asking for auto-increment. The
// BQ25895's registers are REG00-REG14; its driver starts with a control
// register (REG02, REG03) or a status (REG0B), never REG0F, the
// system-voltage result read after a conversion.
func gyroRegister(first byte) bool {
	reg := first & 0x7F
	return reg == 0x0F || reg >= 0x20 && reg <= 0x38
}

// GuessKitSPI returns the built-in board for impType that has a SPI part
// on bus behind a chip-select pin the imp now drives low (selected),
// with its reset or power-down pin, when the board wires one to the imp,
// configured as an output: code that selects a board's SPI chip on its
// bus and drives its control pin was written for that board.
func GuessKitSPI(impType, bus string, selected, output func(pin string) bool) (Kit, bool) {
	return firstKit(impType, func(p Part) bool {
		return p.Bus == bus && p.CS != "" && selected(p.CS) && (p.Reset == "" || output(p.Reset))
	})
}

// kitNames lists the built-in boards in the order guesses try them
// (made once: guesses are asked on every transfer until one finds a
// board).
var kitNames = sync.OnceValue(func() []string {
	names := make([]string, 0, len(Kits()))
	for n := range Kits() {
		if !slices.Contains(guessOrder, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return append(slices.Clip(guessOrder), names...)
})

// GuessKitUART returns the built-in board for impType with a part on
// UART bus that the code identifies: an STM32's USART bootloader speaks
// only 8 data bits with even parity (ST AN3155), so code configuring a
// board's STM32 UART that way was written for it; a Modbus slave behind
// an RS-485 transceiver is identified by the imp driving the board's
// driver-enable pin high (high reports the pins the imp drives high); an
// OBD interpreter by a command only such an interpreter is sent
// (isELMCommand; sent: the bytes of the write being made, nil at
// configure). Parts on common
// framings without such a sign (a GPS at 9600 8N1) are not guessed.
func GuessKitUART(impType, bus string, line Line, high func(pin string) bool, sent []byte) (Kit, bool) {
	return firstKit(impType, func(p Part) bool {
		return p.Bus == bus && (p.Model == "stm32" && line.DataBits == 8 && line.Parity == 'E' ||
			p.Model == "modbus" && p.DE != "" && high(p.DE) ||
			p.Model == "stn1110" && isELMCommand(sent))
	})
}

// isELMCommand reports whether p is one command (spaces ignored, either
// case, ending with its CR) that only an ELM327 or STN11xx OBD
// interpreter is sent (elmOnly). AT commands in general are not: "AT",
// ATE0, ATI, ATH, ATD, ATS, ATV, ATL, ATM and AT+, AT& are a modem's,
// a GSM, Wi-Fi or Bluetooth module's too, and ATID, ATSH, ATSP nn, ATST,
// ATBD an XBee's; code driving one on the same UART gets no OBD reader.
func isELMCommand(p []byte) bool {
	cmd, rest, ok := strings.Cut(string(p), "\r")
	if !ok || rest != "" {
		return false
	}
	return elmOnly(strings.ToUpper(strings.ReplaceAll(cmd, " ", "")))
}

// elmOnly reports whether cmd (upper case, no spaces) is ATZ (the reset
// every ELM327 driver starts with, then waiting for the banner), an
// ELM327-only AT command (WS, @1, DP, DPN, RV, CAF0/1, IGN, MA, PC, LP;
// SP or TP with a protocol digit, SH with a 3, 6 or 8-digit header, BRD
// or BRT with a hex byte), an STN11xx ST command (I, DI, MFR, SN, WBR,
// BR/SBR/BRT with a number) or a mode 01, 02 or 09 OBD request (hex
// digits, a PID at least).
func elmOnly(cmd string) bool {
	if at, ok := strings.CutPrefix(cmd, "AT"); ok {
		switch at {
		case "Z", "WS", "@1", "DP", "DPN", "RV", "CAF0", "CAF1", "IGN", "MA", "PC", "LP":
			return true
		}
		for _, c := range []struct {
			prefix string
			ok     func(arg string) bool
		}{
			{"SP", elmProtocolArg}, {"TP", elmProtocolArg},
			{"SH", func(a string) bool { return isHex(a) && (len(a) == 3 || len(a) == 6 || len(a) == 8) }},
			{"BRD", func(a string) bool { return isHex(a) && len(a) == 2 }},
			{"BRT", func(a string) bool { return isHex(a) && len(a) == 2 }},
		} {
			if arg, ok := strings.CutPrefix(at, c.prefix); ok && c.ok(arg) {
				return true
			}
		}
		return false
	}
	if st, ok := strings.CutPrefix(cmd, "ST"); ok {
		switch st {
		case "I", "DI", "MFR", "SN", "WBR":
			return true
		}
		for _, prefix := range []string{"BRT", "SBR", "BR"} {
			if arg, ok := strings.CutPrefix(st, prefix); ok {
				return arg != "" && strings.Trim(arg, "0123456789") == ""
			}
		}
		return false
	}
	mode := len(cmd) >= 4 && (cmd[:2] == "01" || cmd[:2] == "02" || cmd[:2] == "09")
	return mode && len(cmd)%2 == 0 && isHex(cmd)
}

// elmProtocolArg is ATSP's and ATTP's argument: a protocol number 0-C,
// or A and one (automatic, trying that one first).
func elmProtocolArg(a string) bool {
	if len(a) == 2 && a[0] == 'A' {
		a = a[1:]
	}
	return len(a) == 1 && strings.Contains("0123456789ABC", a)
}
