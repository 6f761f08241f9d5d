package runtime

import "unsafe"

// StrBytes returns a string value holding a copy of b, for natives that
// build their result in a scratch buffer (format, toupper): the String
// header and its bytes are one allocation, as concatenation makes them
// (catExact).
func StrBytes(b []byte) Value {
	if len(b) <= 1 {
		return Str(string(b)) // a shared object (Str)
	}
	return StrObj(catExact(unsafe.String(unsafe.SliceData(b), len(b)), ""))
}
