package base

// The math library. On the imp its functions and constants are members of
// a root-table `math` table (math.sin, math.PI, ...), not globals.

import (
	"math"

	"github.com/impvm/impvm/runtime"
)

// mathRandMax is RAND_MAX: 2^31-1 as on glibc and newlib (imp-api.md §4.4).
const mathRandMax = 2147483647

// mathUnary wraps a one-argument float function: computed in float64 on
// the float32 argument and narrowed to float32, like the reference's
// (SQFloat)f(x).
func mathUnary(fn func(float64) float64) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return runtime.Float(float32(fn(mathArg(args[1])))), nil
	}
}

func mathBinary(fn func(float64, float64) float64) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return runtime.Float(float32(fn(mathArg(args[1]), mathArg(args[2])))), nil
	}
}

// mathSpecs are the math functions in the reference's registration order.
var mathSpecs = []runtime.Spec{
	{Name: "sqrt", Params: ".n", Fn: mathUnary(math.Sqrt)},
	{Name: "sin", Params: ".n", Fn: mathUnary(math.Sin)},
	{Name: "cos", Params: ".n", Fn: mathUnary(math.Cos)},
	{Name: "asin", Params: ".n", Fn: mathUnary(math.Asin)},
	{Name: "acos", Params: ".n", Fn: mathUnary(math.Acos)},
	{Name: "log", Params: ".n", Fn: mathUnary(math.Log)},
	{Name: "log10", Params: ".n", Fn: mathUnary(math.Log10)},
	{Name: "tan", Params: ".n", Fn: mathUnary(math.Tan)},
	{Name: "atan", Params: ".n", Fn: mathUnary(math.Atan)},
	{Name: "atan2", Params: ".nn", Fn: mathBinary(math.Atan2)},
	{Name: "pow", Params: ".nn", Fn: mathBinary(math.Pow)},
	{Name: "floor", Params: ".n", Fn: mathUnary(math.Floor)},
	{Name: "ceil", Params: ".n", Fn: mathUnary(math.Ceil)},
	{Name: "exp", Params: ".n", Fn: mathUnary(math.Exp)},
	// srand has no effect on the imp (impOS seeds the generator).
	{Name: "srand", Params: ".n", Fn: runtime.Nothing},
	{Name: "rand", Params: "_", Fn: mathRandom},
	{Name: "fabs", Params: ".n", Fn: mathUnary(math.Abs)},
	{Name: "abs", Params: ".n", Fn: mathAbs},
}

// mathNatives are the natives of mathSpecs, shared by every VM.
var mathNatives runtime.SharedNatives

// mathRandKey is the VM-local key of the VM's rand() generator, made on
// the first call (it starts from the same seed whenever it is made).
type mathRandKey struct{}

// rand(): the next number of the VM's generator.
func mathRandom(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	rng, ok := vm.Local(mathRandKey{}).(*mathRand)
	if !ok {
		rng = newMathRand()
		vm.SetLocal(mathRandKey{}, rng)
	}
	return runtime.Int(rng.next()), nil
}

// openMath installs the `math` table (the functions, then RAND_MAX and
// PI) and the root RAND_MAX.
func openMath(vm *runtime.VM) {
	t := runtime.NewTable(0)
	mathNatives.Set(t, mathSpecs)
	t.SetStr("RAND_MAX", runtime.Int(mathRandMax))
	t.SetStr("PI", runtime.Float(float32(math.Pi)))
	vm.Root().SetStr("math", runtime.TableValue(t))
	vm.Root().SetStr("RAND_MAX", runtime.Int(mathRandMax))
}

// mathArg is a numeric argument as the reference's sq_getfloat sees it.
func mathArg(v runtime.Value) float64 {
	f, _ := v.ToFloat()
	return float64(f)
}

// mathAbs is integer abs: a float argument is truncated first, and
// abs(INT_MIN) stays INT_MIN, as C's abs((int)n).
func mathAbs(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	i, _ := args[1].ToInt()
	if i < 0 {
		i = -i
	}
	return runtime.Int(i), nil
}

// mathRand is glibc's default random() generator (an additive lagged
// Fibonacci generator, r[i] = r[i-3] + r[i-31], over a state seeded from 1
// by a Lehmer generator) so a run is reproducible and yields the same
// sequence as the reference interpreter built on glibc.
type mathRand struct {
	r [34]uint32 // circular history; only the last 31 are needed
	i int
}

func newMathRand() *mathRand {
	g := &mathRand{}
	g.reseed(1)
	return g
}

func (g *mathRand) reseed(seed uint32) {
	var r [344]int32
	r[0] = int32(seed)
	for i := 1; i < 31; i++ {
		// 16807 * r[i-1] mod (2^31 - 1), by Schrage's method.
		hi, lo := r[i-1]/127773, r[i-1]%127773
		w := 16807*lo - 2836*hi
		if w < 0 {
			w += 2147483647
		}
		r[i] = w
	}
	for i := 31; i < 34; i++ {
		r[i] = r[i-31]
	}
	for i := 34; i < 344; i++ {
		r[i] = int32(uint32(r[i-31]) + uint32(r[i-3]))
	}
	for k := 0; k < 34; k++ {
		g.r[k] = uint32(r[344-34+k])
	}
	g.i = 0
}

// next returns the next value in [0, RAND_MAX].
func (g *mathRand) next() int32 {
	// g.r holds the last 34 outputs oldest first starting at g.i.
	v := g.r[(g.i+34-31)%34] + g.r[(g.i+34-3)%34]
	g.r[g.i] = v
	g.i = (g.i + 1) % 34
	return int32(v >> 1)
}
