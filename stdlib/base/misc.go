package base

// Bit-cast and byte-swap globals (the reference's blob library globals):
// castf2i, casti2f, swap2, swap4, swapfloat.

import (
	"math"
	"math/bits"

	"github.com/impvm/impvm/runtime"
)

func openMisc(vm *runtime.VM) {
	miscNatives.Set(vm.Root(), miscSpecs)
}

var miscSpecs = []runtime.Spec{
	{Name: "castf2i", Params: ".n", Fn: miscCastF2I},
	{Name: "casti2f", Params: ".n", Fn: miscCastI2F},
	{Name: "swap2", Params: ".n", Fn: miscSwap2},
	{Name: "swap4", Params: ".n", Fn: miscSwap4},
	{Name: "swapfloat", Params: ".n", Fn: miscSwapFloat},
}

var miscNatives runtime.SharedNatives

// Arguments convert as sq_getinteger / sq_getfloat do: a float truncates
// for the integer functions, an integer widens for the float ones.

func miscIntArg(v runtime.Value) uint32 {
	i, _ := v.ToInt()
	return uint32(i)
}

func miscFloatArg(v runtime.Value) float32 {
	f, _ := v.ToFloat()
	return f
}

// castf2i returns the IEEE bits of the float32 as an integer.
func miscCastF2I(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(math.Float32bits(miscFloatArg(args[1])))), nil
}

// casti2f reinterprets the integer's bits as a float32.
func miscCastI2F(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Float(math.Float32frombits(miscIntArg(args[1]))), nil
}

// swap2 swaps the two low bytes and clears the rest (0..65535). The C
// reference computes (s<<8)|((s>>8)&0xFF) on a signed short, which leaves
// the high byte in bits 16-23 (0x1234 -> 0x123412); the imp documents a
// plain 16-bit byte swap, which is what we return.
func miscSwap2(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(bits.ReverseBytes16(uint16(miscIntArg(args[1]))))), nil
}

// swap4 reverses the four bytes of the integer.
func miscSwap4(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(bits.ReverseBytes32(miscIntArg(args[1])))), nil
}

// swapfloat reverses the four bytes of the float's representation.
func miscSwapFloat(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := bits.ReverseBytes32(math.Float32bits(miscFloatArg(args[1])))
	return runtime.Float(math.Float32frombits(b)), nil
}
