package hardware

// G.711 A-law, as hardware.sampler's A_LAW_COMPRESS filter produces and
// hardware.fixedfrequencydac's A_LAW_DECOMPRESS flag consumes: a signed
// 16-bit sample to one byte and back (ITU-T G.711, with the even bits
// inverted).

// alawEncode compresses a signed 16-bit linear sample.
func alawEncode(sample int16) byte {
	s := int(sample) >> 3 // G.711 works on 13-bit samples
	sign := byte(0x80)
	if s < 0 {
		sign = 0
		s = -s - 1
	}
	var seg byte
	for v := s >> 5; v > 0 && seg < 7; v >>= 1 {
		seg++
	}
	var mant int
	if seg == 0 {
		mant = s >> 1
	} else {
		mant = s >> seg
	}
	return (sign | seg<<4 | byte(mant&0x0f)) ^ 0x55
}

// alawDecode expands an A-law byte to a signed 16-bit linear sample.
func alawDecode(a byte) int16 {
	a ^= 0x55
	seg := int(a>>4) & 7
	mant := int(a & 0x0f)
	var s int
	if seg == 0 {
		s = mant<<4 + 8
	} else {
		s = (mant<<4 + 0x108) << (seg - 1)
	}
	if a&0x80 == 0 {
		s = -s
	}
	return int16(s)
}
