package base

// The imp's blob: a growable byte buffer with a read/write pointer,
// little-endian numeric I/O and byte indexing (sqstdblob + sqstdstream,
// plus the imp's readstring, writestring and tostring).

import (
	"encoding/binary"
	"math"

	"github.com/impvm/impvm/runtime"
)

// BlobTypeName is what typeof (and type) report for a blob.
const BlobTypeName = "blob"

// Error texts of the reference's blob and stream code.
const (
	errBlobNegative = "cannot create blob with negative size"
	errBlobRange    = "index out of range"
	errBlobIO       = "io error"
	errBlobNoData   = "no data left to read"
	errBlobFormat   = "invalid format"
	errBlobOrigin   = "invalid origin"
	errBlobParam    = "invalid parameter"
	errBlobResize   = "resize failed"
)

// MaxBlobLen bounds a blob's length, as runtime.MaxStringLen bounds a
// string's: a larger blob(n), resize(n) or write fails with "out of memory"
// before anything is allocated (and len() never wraps past 2^31).
const MaxBlobLen = runtime.MaxStringLen

// reserve checks and charges n bytes of blob storage before they are allocated.
func reserve(vm *runtime.VM, n int64) error { return Reserve(vm, n) }

// Reserve charges vm's heap for a blob or string of n bytes about to be
// made, before anything is allocated: a length the heap cannot hold (a
// bus read of 2^31 bytes) is the "out of memory" error.
func Reserve(vm *runtime.VM, n int64) error {
	if n > MaxBlobLen {
		return runtime.NewError(runtime.ErrOutOfMemoryText)
	}
	return vm.Charge(n)
}

// Blob is the payload of a blob userdata. data holds exactly the blob's
// len() bytes; pos is the read/write pointer (0 <= pos <= len).
type Blob struct {
	data []byte
	pos  int
}

// Bytes returns the blob's contents. The slice aliases the blob: do not
// keep it across Squirrel code that may write to the blob.
func (b *Blob) Bytes() []byte { return b.data }

// Len is the blob's length in bytes.
func (b *Blob) Len() int { return len(b.data) }

// Tell is the read/write pointer.
func (b *Blob) Tell() int { return b.pos }

// Write stores p at the pointer, growing the blob as needed (charged to
// vm's heap), and moves the pointer past it (as blob.writeblob does).
func (b *Blob) Write(vm *runtime.VM, p []byte) error { return b.write(vm, p) }

// HeapSize is the blob's storage, for the VM's heap accounting.
func (b *Blob) HeapSize() int64 { return int64(cap(b.data)) }

// BlobOf returns the blob inside v, if v is one.
func BlobOf(v runtime.Value) (*Blob, bool) {
	return runtime.PayloadOf[*Blob](v)
}

// StringOrBlob is the bytes of argument i (0 is `this`), a string or a
// blob. A native whose typemask takes any userdata ("s|u") gets a type
// error for other userdata (a pin, a namespace) instead of reading it as
// a string.
func StringOrBlob(args []runtime.Value, i int) ([]byte, error) {
	v := args[i]
	if v.Type() == runtime.TString {
		return []byte(v.Str()), nil
	}
	if b, ok := BlobOf(v); ok {
		return b.Bytes(), nil
	}
	return nil, runtime.ParamTypeError(i, v, "string|blob")
}

// NewBlobValue makes a blob holding a copy of data, pointer at 0, with the
// blob methods of vm (for host callbacks such as UDP receive).
func NewBlobValue(vm *runtime.VM, data []byte) runtime.Value {
	return makeBlob(vm, append([]byte(nil), data...))
}

// AdoptBlobValue is NewBlobValue for bytes nobody else holds: the blob
// takes data as it is, without a copy.
func AdoptBlobValue(vm *runtime.VM, data []byte) runtime.Value { return makeBlob(vm, data) }

// makeBlob makes a blob holding data (the blob and its object are one
// allocation).
func makeBlob(vm *runtime.VM, data []byte) runtime.Value {
	v, b := runtime.NewWith[Blob](blobKind(vm))
	b.data = data
	return v
}

// blobMembers is the blob methods' table, shared by every VM.
var blobMembers runtime.SharedTable

// blobKindKey is the VM-local key of the blob kind: every blob of a VM
// shares one method table.
type blobKindKey struct{}

// blobKind returns vm's blob kind, making it on first use.
func blobKind(vm *runtime.VM) *runtime.Kind {
	if k, ok := vm.Local(blobKindKey{}).(*runtime.Kind); ok {
		return k
	}
	k := blobMembers.Kind(BlobTypeName, func() []runtime.Spec { return blobSpecs })
	vm.SetLocal(blobKindKey{}, k)
	return k
}

// openBlob installs blob([size]).
func openBlob(vm *runtime.VM) {
	blobKind(vm)
	blobNatives.Set(vm.Root(), blobCtorSpecs)
}

var blobCtorSpecs = []runtime.Spec{{Name: "blob", Params: ".*n", Fn: newBlob}}

var blobNatives runtime.SharedNatives

// blob([size]): a blob of size zero bytes.
func newBlob(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	size := int32(0)
	if len(args) == 2 { // the reference reads the size only when it is the sole argument
		size, _ = args[1].ToInt()
	}
	if size < 0 {
		return runtime.Null, runtime.NewError(errBlobNegative)
	}
	if err := reserve(vm, int64(size)); err != nil {
		return runtime.Null, err
	}
	return makeBlob(vm, make([]byte, size)), nil
}

var blobSpecs = []runtime.Spec{
	{Name: "len", Params: ".", Fn: runtime.TagMethod(blobLen)},
	{Name: "tell", Params: ".", Fn: runtime.TagMethod(blobTell)},
	{Name: "eos", Params: ".", Fn: runtime.TagMethod(blobEOS)},
	{Name: "flush", Params: ".", Fn: runtime.TagMethod(blobFlush)},
	{Name: "seek", Params: ".n*n", Fn: runtime.TagMethod(blobSeekM)},
	{Name: "resize", Params: ".n", Fn: runtime.TagMethod(blobResizeM)},
	{Name: "readn", Params: ".n", Fn: runtime.TagMethod(blobReadNM)},
	{Name: "writen", Params: "..n", Fn: runtime.TagMethod(blobWriteNM)},
	{Name: "readblob", Params: ".n", Fn: runtime.TagMethod(blobReadBlobM)},
	{Name: "writeblob", Params: "..*", Fn: runtime.TagMethod(blobWriteBlobM)},
	{Name: "readstring", Params: ".n", Fn: runtime.TagMethod(blobReadStringM)},
	{Name: "writestring", Params: ".s", Fn: runtime.TagMethod(blobWriteStringM)},
	{Name: "swap2", Params: ".", Fn: runtime.TagMethod(blobSwap2M)},
	{Name: "swap4", Params: ".", Fn: runtime.TagMethod(blobSwap4M)},
	{Name: "tostring", Params: ".", Fn: runtime.TagMethod(blobToStringM)},
}

// ------------------------------------------------------------ buffer ops

// write stores p at the pointer, growing the blob as needed (checked and
// charged first).
func (b *Blob) write(vm *runtime.VM, p []byte) error {
	end := b.pos + len(p)
	if grow := int64(end) - int64(cap(b.data)); grow > 0 {
		if end > MaxBlobLen {
			return runtime.NewError(runtime.ErrOutOfMemoryText)
		}
		if err := vm.Charge(grow); err != nil {
			return err
		}
	}
	if end > len(b.data) {
		b.data = append(b.data, make([]byte, end-len(b.data))...)
	}
	copy(b.data[b.pos:], p)
	b.pos = end
	return nil
}

// read returns up to n bytes from the pointer and advances past them.
func (b *Blob) read(n int) []byte {
	if n < 0 {
		n = 0
	}
	n = min(n, len(b.data)-b.pos)
	p := b.data[b.pos : b.pos+n]
	b.pos += n
	return p
}

// seek moves the pointer relative to the start ('b'), the pointer ('c') or
// the end ('e'); a target outside 0..len leaves it and returns -1, else 0.
func (b *Blob) seek(off int, origin byte) int {
	base := 0
	switch origin {
	case 'c':
		base = b.pos
	case 'e':
		base = len(b.data)
	}
	t := base + off
	if t < 0 || t > len(b.data) {
		return -1
	}
	b.pos = t
	return 0
}

// resize is the reference's SQBlob::Resize: it changes the allocation;
// shrinking truncates the contents (and the pointer), growing leaves len()
// unchanged until writes use the space.
func (b *Blob) resize(n int) {
	if n < len(b.data) {
		b.data = b.data[:n:n]
	} else if n > cap(b.data) {
		nd := make([]byte, len(b.data), n)
		copy(nd, b.data)
		b.data = nd
	}
	b.pos = min(b.pos, len(b.data))
}

// blobNumSize is the byte size of each readn/writen type code ('l' is the
// native SQInteger, 32 bits on the imp).
func blobNumSize(code int32) int {
	switch code {
	case 'c', 'b':
		return 1
	case 's', 'w':
		return 2
	case 'i', 'l', 'f':
		return 4
	case 'd':
		return 8
	}
	return 0
}

// readN decodes one little-endian number. Like the reference, a short read
// still consumes the bytes that were there before failing.
func (b *Blob) readN(code int32) (runtime.Value, error) {
	size := blobNumSize(code)
	if size == 0 {
		return runtime.Null, runtime.NewError(errBlobFormat)
	}
	p := b.read(size)
	if len(p) != size {
		return runtime.Null, runtime.NewError(errBlobIO)
	}
	switch code {
	case 'c':
		return runtime.Int(int32(int8(p[0]))), nil
	case 'b':
		return runtime.Int(int32(p[0])), nil
	case 's':
		return runtime.Int(int32(int16(binary.LittleEndian.Uint16(p)))), nil
	case 'w':
		return runtime.Int(int32(binary.LittleEndian.Uint16(p))), nil
	case 'f':
		return runtime.Float(math.Float32frombits(binary.LittleEndian.Uint32(p))), nil
	case 'd':
		return runtime.Float(float32(math.Float64frombits(binary.LittleEndian.Uint64(p)))), nil
	}
	return runtime.Int(int32(binary.LittleEndian.Uint32(p))), nil
}

// writeN encodes v little-endian. Integer codes truncate a float, float
// codes widen an integer; a non-number writes zeros (the imp's behaviour).
func (b *Blob) writeN(vm *runtime.VM, v runtime.Value, code int32) error {
	size := blobNumSize(code)
	if size == 0 {
		return runtime.NewError(errBlobFormat)
	}
	p := make([]byte, 8)
	if v.IsNumber() {
		i, _ := v.ToInt()
		f, _ := v.ToFloat()
		switch code {
		case 'f':
			binary.LittleEndian.PutUint32(p, math.Float32bits(f))
		case 'd':
			binary.LittleEndian.PutUint64(p, math.Float64bits(float64(f)))
		default:
			binary.LittleEndian.PutUint32(p, uint32(i))
		}
	}
	return b.write(vm, p[:size])
}

// swap reverses the byte order of each whole unit of `unit` bytes.
func (b *Blob) swap(unit int) {
	for i := 0; i+unit <= len(b.data); i += unit {
		u := b.data[i : i+unit]
		for l, r := 0, unit-1; l < r; l, r = l+1, r-1 {
			u[l], u[r] = u[r], u[l]
		}
	}
}

// ------------------------------------------------ userdata interfaces

// GetIndex is b[i]: the byte as 0..255; a non-numeric key is not handled
// here (the VM then reports a missing index).
func (b *Blob) GetIndex(vm *runtime.VM, key runtime.Value) (runtime.Value, bool, error) {
	if !key.IsNumber() {
		return runtime.Null, false, nil
	}
	i, _ := key.ToInt()
	if i < 0 || int(i) >= len(b.data) {
		return runtime.Null, true, runtime.NewError(errBlobRange)
	}
	return runtime.Int(int32(b.data[i])), true, nil
}

// SetIndex is b[i] = v: stores the low 8 bits of the number v.
func (b *Blob) SetIndex(vm *runtime.VM, key, val runtime.Value) (bool, error) {
	if !key.IsNumber() {
		return false, nil
	}
	if !val.IsNumber() {
		return true, runtime.ParamTypeError(2, val, "integer|float")
	}
	i, _ := key.ToInt()
	if i < 0 || int(i) >= len(b.data) {
		return true, runtime.NewError(errBlobRange)
	}
	v, _ := val.ToInt()
	b.data[i] = byte(v)
	return true, nil
}

// Next iterates the bytes: key = index, value = byte. (The reference's
// _nexti yields index 0 even for an empty blob, which then fails with
// "index out of range"; an empty blob simply iterates zero times here.)
func (b *Blob) Next(idx int) (int, runtime.Value, runtime.Value, bool) {
	n := idx + 1
	if n < 0 || n >= len(b.data) {
		return n, runtime.Null, runtime.Null, false
	}
	return n, runtime.Int(int32(n)), runtime.Int(int32(b.data[n])), true
}

// ToString is the blob's bytes as a string (the imp converts a blob this
// way in concatenation and server.log).
func (b *Blob) ToString() string { return string(b.data) }

// Clone copies the contents; the copy's pointer is at 0.
func (b *Blob) Clone() any { return &Blob{data: append([]byte(nil), b.data...)} }

// ------------------------------------------------------------- methods

func blobLen(b *Blob, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(len(b.data))), nil
}

func blobTell(b *Blob, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(b.pos)), nil
}

// blobEOS is 1 at the end, else null.
func blobEOS(b *Blob, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	if b.pos == len(b.data) {
		return runtime.Int(1), nil
	}
	return runtime.Null, nil
}

// blobFlush returns 1: the reference pushes 1 when Flush() reports 0.
func blobFlush(b *Blob, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(1), nil
}

func blobSeekM(b *Blob, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	off, _ := args[1].ToInt()
	origin := byte('b')
	if len(args) > 2 {
		o, _ := args[2].ToInt()
		if o != 'b' && o != 'c' && o != 'e' {
			return runtime.Null, runtime.NewError(errBlobOrigin)
		}
		origin = byte(o)
	}
	return runtime.Int(int32(b.seek(int(off), origin))), nil
}

func blobResizeM(b *Blob, vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	n, _ := args[1].ToInt()
	if n < 0 {
		return runtime.Null, runtime.NewError(errBlobResize)
	}
	if grow := int64(n) - int64(cap(b.data)); grow > 0 {
		if err := reserve(vm, int64(n)); err != nil {
			return runtime.Null, err
		}
	}
	b.resize(int(n))
	return runtime.Null, nil
}

func blobReadNM(b *Blob, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	code, _ := args[1].ToInt()
	return b.readN(code)
}

func blobWriteNM(b *Blob, vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	code, _ := args[2].ToInt()
	return runtime.Null, b.writeN(vm, args[1], code)
}

// blobReadBlobM reads up to n bytes into a new blob; reading nothing
// (n <= 0, or at the end) is "no data left to read", as in the reference.
func blobReadBlobM(b *Blob, vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	n, _ := args[1].ToInt()
	p := b.read(int(n))
	if len(p) == 0 {
		return runtime.Null, runtime.NewError(errBlobNoData)
	}
	if err := vm.Charge(int64(len(p))); err != nil {
		return runtime.Null, err
	}
	// vm has a blob kind: this method is one of its members (the kind is
	// not looked up through blobKind, whose specs list this method).
	v, nb := runtime.NewWith[Blob](vm.Local(blobKindKey{}).(*runtime.Kind))
	nb.data = append([]byte(nil), p...)
	return v, nil
}

// blobReadStringM reads up to n bytes as a string. Unlike readblob, n <= 0
// gives "" (length-prefixed protocols read empty strings); reading n > 0
// bytes at the end fails like readblob.
func blobReadStringM(b *Blob, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	n, _ := args[1].ToInt()
	if n <= 0 {
		return runtime.Str(""), nil
	}
	p := b.read(int(n))
	if len(p) == 0 {
		return runtime.Null, runtime.NewError(errBlobNoData)
	}
	return runtime.StrBytes(p), nil
}

// blobWriteBlobM appends another blob's bytes at the pointer and returns
// the count written.
func blobWriteBlobM(b *Blob, vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	src, ok := BlobOf(args[1])
	if !ok {
		return runtime.Null, runtime.NewError(errBlobParam)
	}
	p := src.data
	if src == b {
		// b into itself: the bytes as they were before the write.
		if err := reserve(vm, int64(len(p))); err != nil {
			return runtime.Null, err
		}
		p = append([]byte(nil), p...)
	}
	if err := b.write(vm, p); err != nil {
		return runtime.Null, err
	}
	return runtime.Int(int32(len(p))), nil
}

func blobWriteStringM(b *Blob, vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, b.write(vm, []byte(args[1].Str()))
}

func blobSwap2M(b *Blob, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	b.swap(2)
	return runtime.Null, nil
}

func blobSwap4M(b *Blob, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	b.swap(4)
	return runtime.Null, nil
}

func blobToStringM(b *Blob, vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	if err := vm.ReserveString(len(b.data)); err != nil {
		return runtime.Null, err
	}
	return runtime.StrBytes(b.data), nil
}
