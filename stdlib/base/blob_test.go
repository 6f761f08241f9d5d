package base

import (
	"bytes"
	"math"
	"testing"

	"github.com/impvm/impvm/runtime"
)

func newTestBlob(t *testing.T, vm *runtime.VM, args ...runtime.Value) (runtime.Value, *Blob) {
	t.Helper()
	v, err := libRootCall(vm, "blob", args...)
	if err != nil {
		t.Fatalf("blob(): %v", err)
	}
	b, ok := BlobOf(v)
	if !ok || v.TypeName() != "blob" {
		t.Fatalf("blob() gave %s", v.TypeName())
	}
	return v, b
}

func mustM(t *testing.T, vm *runtime.VM, obj runtime.Value, name string, args ...runtime.Value) runtime.Value {
	t.Helper()
	v, err := libMethod(vm, obj, name, args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func blobWantErr(t *testing.T, err error, msg string) {
	t.Helper()
	if err == nil || err.Error() != msg {
		t.Errorf("error %v, want %q", err, msg)
	}
}

func TestBlobCreate(t *testing.T) {
	vm := openAllForTest(nil)
	v, b := newTestBlob(t, vm, vI(4))
	if !bytes.Equal(b.Bytes(), []byte{0, 0, 0, 0}) || mustM(t, vm, v, "len").Int() != 4 || mustM(t, vm, v, "tell").Int() != 0 {
		t.Errorf("blob(4) = %v", b.Bytes())
	}
	if !mustM(t, vm, v, "eos").IsNull() {
		t.Error("eos at 0 of 4")
	}
	e, _ := newTestBlob(t, vm)
	if mustM(t, vm, e, "len").Int() != 0 || mustM(t, vm, e, "eos").Int() != 1 {
		t.Error("blob() must be empty and at its end")
	}
	if _, b := newTestBlob(t, vm, vF(3.9)); b.Len() != 3 {
		t.Errorf("blob(3.9) has %d bytes", b.Len())
	}
	if _, b := newTestBlob(t, vm, vI(4), vI(5)); b.Len() != 0 {
		t.Errorf("blob(4, 5) has %d bytes; the reference reads size only alone", b.Len())
	}
	_, err := libRootCall(vm, "blob", vI(-1))
	blobWantErr(t, err, "cannot create blob with negative size")
	if mustM(t, vm, v, "flush").Int() != 1 {
		t.Error("flush() must return 1")
	}
	_, err = libCall(vm, mustDelegateFn(t, v, "len"), runtime.TableValue(vm.Root()))
	blobWantErr(t, err, "invalid type tag")
}

func mustDelegateFn(t *testing.T, v runtime.Value, name string) runtime.Value {
	fn, ok := v.UserData().Delegate.Get(runtime.Str(name))
	if !ok {
		t.Fatalf("no %s", name)
	}
	return fn
}

// TestBlobNumbers writes each value with writen, checks the bytes
// (little-endian), then reads it back with readn.
func TestBlobNumbers(t *testing.T) {
	cases := []struct {
		code  byte
		in    runtime.Value
		bytes []byte
		back  runtime.Value
	}{
		{'c', vI(-128), []byte{0x80}, vI(-128)},
		{'c', vI(127), []byte{0x7f}, vI(127)},
		{'c', vI(200), []byte{0xc8}, vI(-56)},
		{'b', vI(255), []byte{0xff}, vI(255)},
		{'b', vI(256), []byte{0x00}, vI(0)},
		{'b', vI(-1), []byte{0xff}, vI(255)},
		{'s', vI(-32768), []byte{0x00, 0x80}, vI(-32768)},
		{'s', vI(0x1234), []byte{0x34, 0x12}, vI(0x1234)},
		{'s', vI(65535), []byte{0xff, 0xff}, vI(-1)},
		{'w', vI(65535), []byte{0xff, 0xff}, vI(65535)},
		{'w', vI(-1), []byte{0xff, 0xff}, vI(65535)},
		{'w', vI(0x12345), []byte{0x45, 0x23}, vI(0x2345)},
		{'i', vI(0x01020304), []byte{4, 3, 2, 1}, vI(0x01020304)},
		{'i', vI(math.MinInt32), []byte{0, 0, 0, 0x80}, vI(math.MinInt32)},
		{'i', vI(-2), []byte{0xfe, 0xff, 0xff, 0xff}, vI(-2)},
		{'i', vF(3.9), []byte{3, 0, 0, 0}, vI(3)},
		{'i', vF(-3.9), []byte{0xfd, 0xff, 0xff, 0xff}, vI(-3)},
		{'l', vI(0x01020304), []byte{4, 3, 2, 1}, vI(0x01020304)},
		{'f', vF(1.5), []byte{0, 0, 0xc0, 0x3f}, vF(1.5)},
		{'f', vI(3), []byte{0, 0, 0x40, 0x40}, vF(3)},
		{'f', vF(0.1), []byte{0xcd, 0xcc, 0xcc, 0x3d}, vF(0.1)},
		{'d', vF(1.5), []byte{0, 0, 0, 0, 0, 0, 0xf8, 0x3f}, vF(1.5)},
		{'d', vF(0.1), []byte{0, 0, 0, 0xa0, 0x99, 0x99, 0xb9, 0x3f}, vF(0.1)},
		{'d', vI(-2), []byte{0, 0, 0, 0, 0, 0, 0, 0xc0}, vF(-2)},
		{'i', vS("x"), []byte{0, 0, 0, 0}, vI(0)},
		{'d', runtime.Null, []byte{0, 0, 0, 0, 0, 0, 0, 0}, vF(0)},
		{'b', runtime.True, []byte{0}, vI(0)},
	}
	vm := openAllForTest(nil)
	for _, c := range cases {
		v, b := newTestBlob(t, vm)
		mustM(t, vm, v, "writen", c.in, vI(int32(c.code)))
		if !bytes.Equal(b.Bytes(), c.bytes) || b.pos != len(c.bytes) {
			t.Errorf("writen(%v, '%c') wrote % x (pos %d), want % x", c.in.Bits(), c.code, b.Bytes(), b.pos, c.bytes)
			continue
		}
		mustM(t, vm, v, "seek", vI(0))
		got := mustM(t, vm, v, "readn", vI(int32(c.code)))
		if got.Type() != c.back.Type() || got.Bits() != c.back.Bits() {
			t.Errorf("readn('%c') of % x = %s %#x, want %s %#x", c.code, c.bytes, got.TypeName(), got.Bits(), c.back.TypeName(), c.back.Bits())
		}
		if mustM(t, vm, v, "eos").Int() != 1 {
			t.Errorf("readn('%c') did not reach the end", c.code)
		}
	}
}

func TestBlobNumberErrors(t *testing.T) {
	vm := openAllForTest(nil)
	v, b := newTestBlob(t, vm, vI(2))
	_, err := libMethod(vm, v, "writen", vI(1), vI('q'))
	blobWantErr(t, err, "invalid format")
	_, err = libMethod(vm, v, "readn", vI('x'))
	blobWantErr(t, err, "invalid format")
	if b.Len() != 2 || b.pos != 0 {
		t.Errorf("a bad code changed the blob: len %d pos %d", b.Len(), b.pos)
	}
	_, err = libMethod(vm, v, "readn", vI('i'))
	blobWantErr(t, err, "io error")
	if b.pos != 2 {
		t.Errorf("a short read leaves the pointer at the end, got %d", b.pos)
	}
	_, err = libMethod(vm, v, "readn", vI('b'))
	blobWantErr(t, err, "io error")
}

func TestBlobSeekResize(t *testing.T) {
	vm := openAllForTest(nil)
	v, b := newTestBlob(t, vm)
	mustM(t, vm, v, "writestring", vS("\x01\x02\x03\x04"))
	steps := []struct {
		off    int32
		origin int32 // 0: none
		ret    int32
		pos    int
	}{
		{2, 0, 0, 2}, {-1, 'c', 0, 1}, {0, 'e', 0, 4}, {-4, 'e', 0, 0},
		{1, 'e', -1, 0}, {-5, 'e', -1, 0}, {5, 'b', -1, 0}, {-1, 0, -1, 0}, {4, 'b', 0, 4},
	}
	for _, s := range steps {
		args := []runtime.Value{vI(s.off)}
		if s.origin != 0 {
			args = append(args, vI(s.origin))
		}
		if r := mustM(t, vm, v, "seek", args...); r.Int() != s.ret || b.pos != s.pos {
			t.Errorf("seek(%d, %c) = %d, pos %d; want %d, %d", s.off, s.origin, r.Int(), b.pos, s.ret, s.pos)
		}
	}
	_, err := libMethod(vm, v, "seek", vI(0), vI('x'))
	blobWantErr(t, err, "invalid origin")

	mustM(t, vm, v, "resize", vI(2))
	if !bytes.Equal(b.Bytes(), []byte{1, 2}) || b.pos != 2 {
		t.Errorf("resize(2): % x pos %d", b.Bytes(), b.pos)
	}
	mustM(t, vm, v, "resize", vI(10))
	if b.Len() != 2 {
		t.Errorf("growing resize changed len to %d", b.Len())
	}
	mustM(t, vm, v, "writen", vI(9), vI('b'))
	if !bytes.Equal(b.Bytes(), []byte{1, 2, 9}) {
		t.Errorf("after resize and write: % x", b.Bytes())
	}
	mustM(t, vm, v, "resize", vI(0))
	mustM(t, vm, v, "writen", vI(7), vI('b'))
	if !bytes.Equal(b.Bytes(), []byte{7}) {
		t.Errorf("after resize(0) and write: % x", b.Bytes())
	}
	_, err = libMethod(vm, v, "resize", vI(-1))
	blobWantErr(t, err, "resize failed")
}

func TestBlobStringsAndBlobs(t *testing.T) {
	vm := openAllForTest(nil)
	v, b := newTestBlob(t, vm)
	mustM(t, vm, v, "writestring", vS("hello"))
	if b.ToString() != "hello" || mustM(t, vm, v, "tostring").Str() != "hello" {
		t.Errorf("tostring = %q", b.ToString())
	}
	mustM(t, vm, v, "seek", vI(0))
	if s := mustM(t, vm, v, "readstring", vI(3)).Str(); s != "hel" {
		t.Errorf("readstring(3) = %q", s)
	}
	if s := mustM(t, vm, v, "readstring", vI(10)).Str(); s != "lo" {
		t.Errorf("readstring(10) = %q", s)
	}
	if s := mustM(t, vm, v, "readstring", vI(0)).Str(); s != "" {
		t.Errorf("readstring(0) = %q", s)
	}
	_, err := libMethod(vm, v, "readstring", vI(1))
	blobWantErr(t, err, "no data left to read")

	mustM(t, vm, v, "seek", vI(1))
	part := mustM(t, vm, v, "readblob", vI(2))
	if pb, ok := BlobOf(part); !ok || string(pb.Bytes()) != "el" || pb.pos != 0 || part.UserData().Delegate != v.UserData().Delegate {
		t.Errorf("readblob(2) = %v", part.TypeName())
	}
	if pb, _ := BlobOf(mustM(t, vm, v, "readblob", vI(100))); string(pb.Bytes()) != "lo" {
		t.Errorf("readblob(100) = %q", pb.Bytes())
	}
	_, err = libMethod(vm, v, "readblob", vI(1))
	blobWantErr(t, err, "no data left to read")
	mustM(t, vm, v, "seek", vI(0))
	_, err = libMethod(vm, v, "readblob", vI(0))
	blobWantErr(t, err, "no data left to read")

	mustM(t, vm, v, "seek", vI(0), vI('e'))
	if n := mustM(t, vm, v, "writeblob", v); n.Int() != 5 || b.ToString() != "hellohello" {
		t.Errorf("writeblob(self) = %d, %q", n.Int(), b.ToString())
	}
	_, err = libMethod(vm, v, "writeblob", vS("str"))
	blobWantErr(t, err, "invalid parameter")
	mustM(t, vm, v, "seek", vI(1))
	mustM(t, vm, v, "writestring", vS("EY"))
	if b.ToString() != "hEYlohello" || b.pos != 3 {
		t.Errorf("overwrite: %q pos %d", b.ToString(), b.pos)
	}
}

func TestBlobSwap(t *testing.T) {
	vm := openAllForTest(nil)
	v, b := newTestBlob(t, vm)
	mustM(t, vm, v, "writestring", vS("\x01\x02\x03\x04\x05\x06\x07"))
	mustM(t, vm, v, "swap2")
	if !bytes.Equal(b.Bytes(), []byte{2, 1, 4, 3, 6, 5, 7}) {
		t.Errorf("swap2: % x", b.Bytes())
	}
	mustM(t, vm, v, "swap2")
	mustM(t, vm, v, "swap4")
	if !bytes.Equal(b.Bytes(), []byte{4, 3, 2, 1, 5, 6, 7}) {
		t.Errorf("swap4: % x", b.Bytes())
	}
	if b.pos != 7 {
		t.Errorf("swaps moved the pointer to %d", b.pos)
	}
}

func TestBlobIndexIterateClone(t *testing.T) {
	vm := openAllForTest(nil)
	_, b := newTestBlob(t, vm, vI(3))
	for _, s := range []struct{ i, v, stored int32 }{{0, 300, 44}, {1, -1, 255}, {2, 7, 7}} {
		if found, err := b.SetIndex(vm, vI(s.i), vI(s.v)); !found || err != nil {
			t.Fatalf("b[%d] = %d: %v", s.i, s.v, err)
		}
		if got, found, err := b.GetIndex(vm, vI(s.i)); !found || err != nil || got.Int() != s.stored {
			t.Errorf("b[%d] = %d, want %d", s.i, got.Int(), s.stored)
		}
	}
	if got, _, _ := b.GetIndex(vm, vF(1.7)); got.Int() != 255 {
		t.Errorf("b[1.7] = %d", got.Int())
	}
	for _, k := range []int32{-1, 3} {
		_, found, err := b.GetIndex(vm, vI(k))
		if !found {
			t.Errorf("b[%d] not handled", k)
		}
		blobWantErr(t, err, "index out of range")
		found, err = b.SetIndex(vm, vI(k), vI(1))
		if !found {
			t.Errorf("b[%d] = 1 not handled", k)
		}
		blobWantErr(t, err, "index out of range")
	}
	if _, found, _ := b.GetIndex(vm, vS("len")); found {
		t.Error(`b["len"] must fall through to the delegate`)
	}
	_, err := b.SetIndex(vm, vI(0), vS("x"))
	blobWantErr(t, err, "parameter 2 has an invalid type 'string' ; expected: 'integer|float'")

	var keys, vals []int32
	for i := -1; ; {
		next, k, v, ok := b.Next(i)
		if !ok {
			break
		}
		keys, vals, i = append(keys, k.Int()), append(vals, v.Int()), next
	}
	if len(keys) != 3 || keys[2] != 2 || vals[0] != 44 || vals[1] != 255 || vals[2] != 7 {
		t.Errorf("foreach: %v %v", keys, vals)
	}
	if _, _, _, ok := (&Blob{}).Next(-1); ok {
		t.Error("an empty blob must not iterate")
	}

	b.pos = 2
	c := b.Clone().(*Blob)
	c.data[0] = 1
	if b.data[0] != 44 || c.pos != 0 || c.Len() != 3 {
		t.Errorf("clone shares data or keeps the pointer: %v %d", b.data, c.pos)
	}
}

func TestNewBlobValue(t *testing.T) {
	vm := openAllForTest(nil)
	src := []byte("udp")
	v := NewBlobValue(vm, src)
	src[0] = 'X'
	b, ok := BlobOf(v)
	if !ok || string(b.Bytes()) != "udp" || b.pos != 0 || v.TypeName() != "blob" {
		t.Fatalf("NewBlobValue: %v", v.TypeName())
	}
	made, _ := newTestBlob(t, vm)
	if v.UserData().Delegate != made.UserData().Delegate {
		t.Error("NewBlobValue must use the VM's blob methods")
	}
	if mustM(t, vm, v, "readstring", vI(3)).Str() != "udp" {
		t.Error("NewBlobValue blob unreadable")
	}
	other := runtime.NewVM(runtime.Options{})
	if NewBlobValue(other, nil).UserData().Delegate != v.UserData().Delegate {
		t.Error("VMs share one blob method table (it cannot change)")
	}
	if _, ok := BlobOf(vS("x")); ok {
		t.Error("BlobOf(string)")
	}
}
