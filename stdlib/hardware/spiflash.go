package hardware

import (
	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/imp"
)

// spiflash.write() verification flags (documented values), in bit order.
const (
	flashPostVerify = 1 << iota
	flashPreVerify
)

var flashConstants = runtime.Flags("SPIFLASH_POSTVERIFY", "SPIFLASH_PREVERIFY")

// Error texts of hardware.spiflash misuse (impvm's wording; Electric
// Imp's pages say a call on a disabled flash and an erasesector() address
// off a 4 KB boundary raise Squirrel errors, without giving their text).
// Addresses are Squirrel's: 0 is the first byte after the part of the
// chip impOS keeps, size() the end of the chip, and a range reaching
// past it is refused.
const (
	errFlashDisabled = "spiflash is not enabled"
	errFlashRange    = "address out of range"
	errFlashSector   = "sector address must be a multiple of 4096"
)

// spiflash is the state of hardware.spiflash in one Squirrel run; the
// contents are the board's (they survive restarts).
type spiflash struct {
	f       *board.Flash
	enabled bool
	speed   int32
}

// addSPIFlash installs hardware.spiflash when the board has one (imp003
// and up).
func (m *Module) addSPIFlash(hw *runtime.Table) {
	f := m.opts.Flash
	if f == nil && m.board != nil {
		f = m.board.Flash
	}
	if f == nil {
		return
	}
	sf := &spiflash{f: f, speed: 15000000}
	m.flash = sf
	hw.SetStr("spiflash", flashMembers.Kind(imp.MetaTypeName, func() []runtime.Spec { return flashSpecs }).New(sf))
}

// flashMembers is hardware.spiflash's method table, shared by every VM;
// its methods find the VM's flash in its hardware module.
var flashMembers runtime.SharedTable

func flashMethod(f func(sf *spiflash, vm *runtime.VM, a []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return method(func(m *Module, vm *runtime.VM, a []runtime.Value) (runtime.Value, error) { return f(m.flash, vm, a) })
}

var flashSpecs = []runtime.Spec{
	{Name: "enable", Params: "u", Fn: flashMethod((*spiflash).enable)},
	{Name: "disable", Params: "u", Fn: flashMethod((*spiflash).disable)},
	{Name: "size", Params: "u", Fn: flashMethod((*spiflash).size)},
	{Name: "chipid", Params: "u", Fn: flashMethod((*spiflash).chipID)},
	{Name: "setspeed", Params: "un", Fn: flashMethod((*spiflash).setSpeed)},
	{Name: "getspeed", Params: "u", Fn: flashMethod((*spiflash).getSpeed)},
	{Name: "read", Params: "unn", Fn: flashMethod((*spiflash).read)},
	{Name: "readintoblob", Params: "unun", Fn: flashMethod((*spiflash).readIntoBlob)},
	{Name: "write", Params: "unu|s*nnn", Fn: flashMethod((*spiflash).write)},
	{Name: "erasesector", Params: "un", Fn: flashMethod((*spiflash).eraseSector)},
}

func (sf *spiflash) enable(_ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	sf.enabled = true
	return runtime.Null, nil
}

func (sf *spiflash) disable(_ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	sf.enabled = false
	return runtime.Null, nil
}

func (sf *spiflash) size(_ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(sf.f.Size())), nil
}

func (sf *spiflash) chipID(_ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(sf.f.ChipID())), nil
}

// setspeed(hz): the speed now set (0 or less leaves it as it was).
func (sf *spiflash) setSpeed(_ *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	n, _ := a[1].ToInt()
	if n > 0 {
		sf.speed = n
	}
	return runtime.Int(sf.speed), nil
}

func (sf *spiflash) getSpeed(_ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(sf.speed), nil
}

func (sf *spiflash) span(addrV, nV runtime.Value) (int, int, error) {
	if !sf.enabled {
		return 0, 0, runtime.NewError(errFlashDisabled)
	}
	a, _ := addrV.ToInt()
	n, _ := nV.ToInt()
	if !sf.f.InRange(int(a), int(n)) {
		return 0, 0, runtime.NewError(errFlashRange)
	}
	return int(a), int(n), nil
}

// read(address, n): a blob of n bytes.
func (sf *spiflash) read(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	addr, n, err := sf.span(a[1], a[2])
	if err != nil {
		return runtime.Null, err
	}
	return base.NewBlobValue(vm, sf.f.Read(addr, n)), nil
}

// readintoblob(address, blob, n): n bytes written into blob at its
// pointer.
func (sf *spiflash) readIntoBlob(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	addr, n, err := sf.span(a[1], a[3])
	if err != nil {
		return runtime.Null, err
	}
	bl, ok := base.BlobOf(a[2])
	if !ok {
		return runtime.Null, runtime.ParamTypeError(2, a[2], "blob")
	}
	return runtime.Null, bl.Write(vm, sf.f.Read(addr, n))
}

// write(address, data[, flags[, start[, end]]]): programs data[start:end]
// at address; 0, or the verification flag that failed.
func (sf *spiflash) write(_ *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	data := dataOf(a[2])
	if a[2].Type() != runtime.TString {
		if _, ok := base.BlobOf(a[2]); !ok {
			return runtime.Null, runtime.ParamTypeError(2, a[2], "blob")
		}
	}
	var flags int32
	if len(a) > 3 {
		flags, _ = a[3].ToInt()
	}
	start, end := runtime.OptInt(a, 4, 0), runtime.OptInt(a, 5, len(data))
	if start < 0 || end > len(data) || start > end {
		return runtime.Null, runtime.NewError("index out of range")
	}
	data = data[start:end]
	addr, _, err := sf.span(a[1], runtime.Int(int32(len(data))))
	if err != nil {
		return runtime.Null, err
	}
	if flags&flashPreVerify != 0 && !sf.f.CanWrite(addr, data) {
		return runtime.Int(flashPreVerify), nil
	}
	if !sf.f.Write(addr, data) && flags&flashPostVerify != 0 {
		return runtime.Int(flashPostVerify), nil
	}
	return runtime.Int(0), nil
}

// erasesector(address): the 4 KB sector starting at address reads 0xFF.
func (sf *spiflash) eraseSector(_ *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	addr, _, err := sf.span(a[1], runtime.Int(0))
	if err != nil {
		return runtime.Null, err
	}
	if addr%board.FlashSector != 0 {
		return runtime.Null, runtime.NewError(errFlashSector)
	}
	if addr >= sf.f.Size() {
		return runtime.Null, runtime.NewError(errFlashRange)
	}
	sf.f.EraseSector(addr)
	return runtime.Null, nil
}
