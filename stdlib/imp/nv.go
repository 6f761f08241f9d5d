package imp

import (
	"unsafe"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// NV is the nv table saved between Squirrel runs: what impOS keeps across
// server.restart(), Squirrel errors, deep sleep and warm boots. Only
// serializable values are kept (null, bool, integer, float, string, blob,
// and arrays and tables of them); anything else is dropped silently, as
// the imp's serializer does. Shared references and cycles survive.
type NV struct {
	root *nvNode
}

type nvKind uint8

const (
	nvScalar nvKind = iota // null, bool, integer, float, string: VM-independent values
	nvBlob
	nvArray
	nvTable
)

type nvNode struct {
	kind   nvKind
	scalar runtime.Value
	blob   []byte
	elems  []*nvNode
	keys   []*nvNode // nvTable: keys[i] -> elems[i], in iteration order
}

// SaveNV snapshots the global nv table of vm; it returns nil when there
// is no nv table.
func SaveNV(vm *runtime.VM) *NV {
	v, ok := vm.Root().Get(runtime.Str("nv"))
	if !ok || v.Type() != runtime.TTable {
		return nil
	}
	return &NV{root: snapshot(v, map[unsafe.Pointer]*nvNode{})}
}

// snapshot copies v; it returns nil for values that do not serialize.
func snapshot(v runtime.Value, seen map[unsafe.Pointer]*nvNode) *nvNode {
	switch v.Type() {
	case runtime.TNull, runtime.TBool, runtime.TInt, runtime.TFloat, runtime.TString:
		return &nvNode{kind: nvScalar, scalar: v}
	case runtime.TUserData:
		if b, ok := base.BlobOf(v); ok {
			return &nvNode{kind: nvBlob, blob: append([]byte(nil), b.Bytes()...)}
		}
		return nil
	case runtime.TArray, runtime.TTable:
	default:
		return nil
	}
	if n, ok := seen[v.Ptr()]; ok {
		return n
	}
	n := &nvNode{kind: nvArray}
	seen[v.Ptr()] = n
	if v.Type() == runtime.TArray {
		for _, e := range v.Array().Elems {
			if c := snapshot(e, seen); c != nil {
				n.elems = append(n.elems, c)
			}
		}
		return n
	}
	n.kind = nvTable
	t := v.Table()
	for i := 0; ; {
		k, val, next, ok := t.Next(i)
		if !ok {
			break
		}
		i = next
		kn, vn := snapshot(k, seen), snapshot(val, seen)
		if kn != nil && kn.kind == nvScalar && vn != nil {
			n.keys = append(n.keys, kn)
			n.elems = append(n.elems, vn)
		}
	}
	return n
}

// Restore recreates the saved nv table as the global nv of vm.
func (nv *NV) Restore(vm *runtime.VM) {
	if nv == nil || nv.root == nil {
		return
	}
	vm.Root().SetStr("nv", rebuild(vm, nv.root, map[*nvNode]runtime.Value{}))
}

func rebuild(vm *runtime.VM, n *nvNode, made map[*nvNode]runtime.Value) runtime.Value {
	switch n.kind {
	case nvScalar:
		return n.scalar
	case nvBlob:
		return base.NewBlobValue(vm, n.blob)
	}
	if v, ok := made[n]; ok {
		return v
	}
	if n.kind == nvArray {
		a := runtime.NewArray(len(n.elems))
		v := runtime.ArrayValue(a)
		made[n] = v
		for i, e := range n.elems {
			a.Elems[i] = rebuild(vm, e, made)
		}
		return v
	}
	t := runtime.NewTable(0)
	v := runtime.TableValue(t)
	made[n] = v
	for i, k := range n.keys {
		t.Set(k.scalar, rebuild(vm, n.elems[i], made))
	}
	return v
}
