package base

import (
	"io"
	"testing"

	"github.com/impvm/impvm/runtime"
)

func benchNative(b *testing.B, name string, args ...runtime.Value) {
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	Open(vm, Options{})
	fn, ok := vm.Root().Get(runtime.Str(name))
	if !ok {
		b.Fatalf("no %s", name)
	}
	root := runtime.TableValue(vm.Root())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := vm.Call(fn, root, args...); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	benchNative(b, "format", runtime.Str("%s=%d (%.2f) %08x"), runtime.Str("temp"), runtime.Int(21), runtime.Float(21.5), runtime.Int(0xbeef))
}

func BenchmarkSplit(b *testing.B) {
	benchNative(b, "split", runtime.Str("node,192.168.1.10,21.5,40,1013"), runtime.Str(","))
}
