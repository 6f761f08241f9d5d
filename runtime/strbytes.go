package runtime

import "unsafe"

// StrBytes returns a string value holding a copy of b, for natives that
// build their result in a scratch buffer (format, toupper): the String
// header and its bytes are one allocation in a block the collector does
// not scan, as concatenation makes them (the header's only pointer, S,
// points into the block itself).
func StrBytes(b []byte) Value {
	if len(b) == 0 {
		return Str("")
	}
	const h = int(unsafe.Sizeof(String{}))
	mem := make([]byte, h+len(b))
	copy(mem[h:], b)
	s := (*String)(unsafe.Pointer(&mem[0]))
	s.S = unsafe.String(&mem[h], len(b))
	return StrObj(s)
}
