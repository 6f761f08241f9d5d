package board

// Steps ST's LPS22HB and LPS25H barometers share: their output registers
// (24-bit pressure, 16-bit temperature, each block held while being read
// with BDU) and their pressure-threshold interrupt (PH/PL/IA, latched with
// LIR, routed to the interrupt line by INT_S).

// storeSample packs a pressure and a temperature output as the five output
// bytes and writes each block to r at pressAt and tempAt unless a
// block-data-update hold keeps the one being read.
func storeSample(r []byte, pressAt, tempAt byte, hold [2]bool, press, temp int) [5]byte {
	s := [5]byte{byte(press), byte(press >> 8), byte(press >> 16), byte(temp), byte(temp >> 8)}
	if !hold[0] {
		copy(r[pressAt:], s[:3])
	}
	if !hold[1] {
		copy(r[tempAt:], s[3:])
	}
	return s
}

// thresholdSource updates the pressure-high and pressure-low events for a
// sample differing by diff from the reference, against ±ths, with cfg's
// PHE (bit 0), PLE (bit 1) and LIR (bit 2, events kept until INT_SOURCE is
// read); it returns INT_SOURCE's PH, PL and IA bits.
func thresholdSource(ph, pl *bool, diff, ths int, cfg byte) byte {
	high := cfg&1 != 0 && diff > ths
	low := cfg&2 != 0 && diff < -ths
	if cfg&0x04 != 0 {
		*ph, *pl = *ph || high, *pl || low
	} else {
		*ph, *pl = high, low
	}
	var src byte
	if *ph {
		src |= 1
	}
	if *pl {
		src |= 2
	}
	if *ph || *pl {
		src |= 4
	}
	return src
}

// thresholdLine is the interrupt line in INT_S modes 1 (pressure high),
// 2 (low) and 3 (either).
func thresholdLine(mode byte, ph, pl bool) bool {
	switch mode {
	case 1:
		return ph
	case 2:
		return pl
	}
	return ph || pl
}
