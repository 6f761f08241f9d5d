package runtime

import "sync"

// Library objects shared by every VM of the process. A member table or a
// native whose functions keep no state of their own (they reach a VM's
// state through their vm argument, vm.Local) cannot differ between VMs,
// and Squirrel code cannot change a native or a default delegate, so one
// copy serves every device: a 1,000-device run holds one string
// delegate, not 1,000.
//
// Object numbering (the identity hashes of table-order.md, and the
// "(function : 0x…)" texts) stays what it would be if each VM made its
// own copy: the first VM numbers the shared objects as it makes them,
// and every later VM skips as many numbers when it takes them. A run's
// table order and texts are therefore the same whether or not another
// run in the process made the objects first (impvm test relies on this).

// SharedTable is a member table made once per process: a default
// delegate, or the methods of a host-object kind. Nothing may add to it
// after it is made. The zero value is ready to use.
type SharedTable struct {
	once  sync.Once
	table *Table
	ids   uint32 // objects numbered while making it
}

// Members returns the shared table of the natives of specs (called only
// the first time), as Members(specs()) would make it.
func (s *SharedTable) Members(specs func() []Spec) *Table {
	made := false
	s.once.Do(func() {
		list := specs()
		s.table, s.ids, made = Members(list), uint32(1+len(list)), true
		markShared(TableValue(s.table))
	})
	if !made {
		nextID.Add(s.ids)
	}
	return s.table
}

// Kind returns a kind named name whose member table is the shared one.
func (s *SharedTable) Kind(name string, specs func() []Spec) *Kind {
	return &Kind{Name: name, Members: s.Members(specs)}
}

// SharedNatives are natives made once per process and set into per-VM
// tables (the root table, a namespace object's members): the table
// belongs to the VM, the functions in it are shared. The zero value is
// ready to use.
type SharedNatives struct {
	once    sync.Once
	natives []*Native
}

// Set adds the natives of specs to t as t.SetSpecs(specs) would; specs
// must be the same list every time.
func (s *SharedNatives) Set(t *Table, specs []Spec) {
	made := false
	s.once.Do(func() {
		natives := nativesOf(specs)
		s.natives = make([]*Native, len(specs))
		values := make([]Value, len(specs))
		for i := range natives {
			s.natives[i] = &natives[i]
			values[i] = NativeValue(s.natives[i])
		}
		markShared(values...)
		made = true
	})
	if !made {
		nextID.Add(uint32(len(s.natives)))
	}
	for _, n := range s.natives {
		t.SetStr(n.Name, NativeValue(n))
	}
}

// Members makes a per-VM member table holding the shared natives, as
// Members(specs) would.
func (s *SharedNatives) Members(specs []Spec) *Table {
	t := NewTable(len(specs))
	s.Set(t, specs)
	return t
}

// Method makes the native function of a method of a per-VM module: the
// module lives in each VM under key (vm.SetLocal(key, m)), so one native
// serves every VM (SharedNatives) and finds its VM's module when called.
func Method[M any](key any, f func(M, *VM, []Value) (Value, error)) NativeFunc {
	return func(vm *VM, args []Value) (Value, error) {
		m, _ := vm.Local(key).(M)
		return f(m, vm, args)
	}
}

// TextMethod is a Method that returns the text f gives of the module.
func TextMethod[M any](key any, f func(M) string) NativeFunc {
	return Method(key, func(m M, _ *VM, _ []Value) (Value, error) { return Str(f(m)), nil })
}

// Nothing is the native of a member that has no effect impvm models: it
// returns null.
func Nothing(*VM, []Value) (Value, error) { return Null, nil }
