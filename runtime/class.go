package runtime

var ctorName = NewString("constructor")

// lookup finds a member: its index and whether it is a per-instance field.
func (c *Class) lookup(key Value) (idx int, isField, ok bool) {
	if key.typ == TNull {
		return 0, false, false
	}
	v, found := c.Members.Get(key)
	if !found {
		return 0, false, false
	}
	n := int32(v.n)
	return int(n >> 1), n&1 == 1, true
}

// memberValue reads a member through an instance (fields from the
// instance, methods and statics from the class).
func (c *Class) memberValue(inst *Instance, key Value) (Value, bool) {
	idx, isField, ok := c.lookup(key)
	if !ok {
		return Null, false
	}
	if isField {
		return inst.Fields()[idx], true
	}
	return c.Methods[idx].Val, true
}

// Get reads a member of the class itself (field defaults, methods, statics).
func (c *Class) Get(key Value) (Value, bool) {
	idx, isField, ok := c.lookup(key)
	if !ok {
		return Null, false
	}
	if isField {
		return c.Fields[idx].Val, true
	}
	return c.Methods[idx].Val, true
}

// Instantiate makes an instance with the field defaults and locks the class.
func (c *Class) Instantiate() *Instance {
	return c.initInstance(newInstance(len(c.Fields)))
}

// instantiate is Instantiate for the VM's own constructor calls, which
// take instances of up to four fields from the VM's slabs (three fields
// have a size of their own: an x, y, z class is common).
func (vm *VM) instantiate(c *Class) *Instance {
	var inst *Instance
	switch n := len(c.Fields); {
	case n == 0 || n > 4:
		return c.Instantiate()
	case n <= 2:
		inst = takeInstanceCell(vm, &vm.instances2)
	case n == 3:
		inst = takeInstanceCell(vm, &vm.instances3)
	default:
		inst = takeInstanceCell(vm, &vm.instances4)
	}
	inst.objHeader = newHeader()
	inst.nfield = uint32(len(c.Fields))
	return c.initInstance(inst)
}

// initInstance gives a new instance of c its class and field defaults and
// locks the class.
func (c *Class) initInstance(inst *Instance) *Instance {
	c.Locked = true
	inst.Class = c
	fields := inst.Fields()
	for i := range c.Fields {
		fields[i] = c.Fields[i].Val
	}
	return inst
}

// instanceSlab is how many instances of a size one Go allocation holds
// for a VM's constructor calls: taking them eight at a time makes an
// instance an eighth of an allocation. A block lives while any of its
// instances does: at most seven dead neighbours (64 to 96 bytes each)
// stay with a kept instance, as with the varargs arrays' slabs. A VM's
// first slabs are smaller (two cells, then four): a device that makes a
// few objects at start-up and then idles keeps little unused room.
const instanceSlab = 8

// instanceSlabSize is the number of cells of the VM's next instance slab.
func (vm *VM) instanceSlabSize() int {
	if vm.instanceSlabs < 2 {
		vm.instanceSlabs++
		return 1 << vm.instanceSlabs
	}
	return instanceSlab
}

// instanceCell is an instance with room for len(F) fields in the same
// memory.
type instanceCell[F [2]Value | [3]Value | [4]Value] struct {
	Instance
	f F
}

// takeInstanceCell takes the next cell of a slab, a new slab when it is
// used up, and points the instance at its fields.
func takeInstanceCell[F [2]Value | [3]Value | [4]Value](vm *VM, slab *[]instanceCell[F]) *Instance {
	if len(*slab) == 0 {
		*slab = make([]instanceCell[F], vm.instanceSlabSize())
	}
	c := &(*slab)[0]
	*slab = (*slab)[1:]
	c.field = &c.f[0]
	return &c.Instance
}

// newInstance allocates an instance with n null fields. Up to eight
// fields live in the same allocation as the instance (one allocation
// instead of two; the fields never grow).
func newInstance(n int) *Instance {
	var inst *Instance
	switch {
	case n == 0:
		inst = &Instance{}
	case n <= 2:
		inst = instanceWith[[2]Value]()
	case n <= 4:
		inst = instanceWith[[4]Value]()
	case n <= 8:
		inst = instanceWith[[8]Value]()
	default:
		inst = &Instance{field: &make([]Value, n)[0]}
	}
	inst.objHeader = newHeader()
	inst.nfield = uint32(n)
	return inst
}

// instanceWith allocates an instance together with room for len(F)
// fields.
func instanceWith[F [2]Value | [4]Value | [8]Value]() *Instance {
	b := new(struct {
		Instance
		f F
	})
	b.field = &b.f[0]
	return &b.Instance
}

// Constructor returns the class's constructor, if any.
func (c *Class) Constructor() (Value, bool) {
	if c.ctor == 0 {
		c.ctor = -1
		if i := c.Members.findStr(ctorName); i >= 0 {
			c.ctor = int32(c.Members.nodes[i].val.n) + 1
		}
	}
	if c.ctor < 0 {
		return Null, false
	}
	var v Value
	if code := c.ctor - 1; code&1 == 1 {
		v = c.Fields[code>>1].Val
	} else {
		v = c.Methods[code>>1].Val
	}
	if v.typ == TNull {
		return Null, false
	}
	return v, true
}

// NewSlot implements C.k <- v.
func (c *Class) NewSlot(key, val Value) error {
	isFunc := val.typ == TClosure || val.typ == TNative
	if c.Locked && !isFunc {
		return NewError("trying to modify a class that has already been instantiated")
	}
	c.AddMember(key, val, Null, false)
	return nil
}

// AddMember adds or replaces a member without metamethod hooks
// (rawnewmember). Metamethod names with function values become
// metamethods instead of members.
func (c *Class) AddMember(key, val, attrs Value, static bool) {
	c.ctor = 0 // the constructor may be what changes
	if key.typ == TString && (val.typ == TClosure || val.typ == TNative) {
		if m, ok := MetaByName(key.Str()); ok {
			c.Meta[m] = val
			c.hasMeta = true
			return
		}
	}
	if val.typ == TClosure {
		val.Closure().Base = c.Base
	}
	asMethod := static || val.typ == TClosure || val.typ == TNative
	if idx, isField, ok := c.lookup(key); ok && isField != asMethod {
		if isField {
			c.Fields[idx] = ClassMember{Val: val, Attrs: attrs}
		} else {
			c.Methods[idx] = ClassMember{Val: val, Attrs: attrs}
		}
		return
	}
	if asMethod {
		c.Methods = append(c.Methods, ClassMember{Val: val, Attrs: attrs})
		c.Members.Set(key, Int(int32((len(c.Methods)-1)<<1)))
		return
	}
	c.Fields = append(c.Fields, ClassMember{Val: val, Attrs: attrs})
	c.Members.Set(key, Int(int32((len(c.Fields)-1)<<1|1)))
}

// memberRef returns a pointer to the stored member, for attribute access.
func (c *Class) memberRef(key Value) (*ClassMember, bool) {
	idx, isField, ok := c.lookup(key)
	if !ok {
		return nil, false
	}
	if isField {
		return &c.Fields[idx], true
	}
	return &c.Methods[idx], true
}

// Attributes returns the attributes of a member, or of the class when key
// is null.
func (c *Class) Attributes(key Value) (Value, error) {
	if key.typ == TNull {
		return c.Attrs, nil
	}
	m, ok := c.memberRef(key)
	if !ok {
		return Null, errNotFound(key)
	}
	return m.Attrs, nil
}

// SetAttributes sets the attributes of a member, or of the class when key
// is null.
func (c *Class) SetAttributes(key, attrs Value) error {
	if key.typ == TNull {
		c.Attrs = attrs
		return nil
	}
	m, ok := c.memberRef(key)
	if !ok {
		return errNotFound(key)
	}
	m.Attrs = attrs
	return nil
}

// newClassOp creates a class for the CLASS instruction: args[0] is the
// base (when flags&1), args[1] the attributes (when flags&2).
func (vm *VM) newClassOp(args []Value, flags uint16) (Value, error) {
	var base *Class
	if flags&1 != 0 {
		if args[0].typ != TClass {
			return Null, Errorf("trying to inherit from a %s", args[0].TypeName())
		}
		base = args[0].Class()
	}
	attrs := Null
	if flags&2 != 0 {
		attrs = args[1]
	}
	c := NewClass(base)
	cv := ClassValue(c)
	if base != nil {
		if mm := base.Meta[MetaInherited]; mm.typ != TNull {
			if _, err := vm.Call(mm, cv, attrs); err != nil {
				return Null, err
			}
		}
	}
	c.Attrs = attrs
	return cv, nil
}

// newMemberOp adds one member of a class body, through _newmember when the
// class has one.
func (vm *VM) newMemberOp(c *Class, key, val, attrs Value, static bool) error {
	if mm := c.Meta[MetaNewMember]; mm.typ != TNull {
		_, err := vm.Call(mm, ClassValue(c), key, val, attrs, Bool(static))
		return err
	}
	if key.typ == TNull {
		return NewError("null cannot be used as index")
	}
	c.AddMember(key, val, attrs, static)
	return nil
}

// NewMember is C.newmember(k, v, attrs, static): through _newmember when present.
func (vm *VM) NewMember(c *Class, key, val, attrs Value, static bool) error {
	return vm.newMemberOp(c, key, val, attrs, static)
}

// Get reads a member through the instance without metamethods.
func (inst *Instance) Get(key Value) (Value, bool) {
	v, ok := inst.Class.memberValue(inst, key)
	return deref(v), ok
}

// SetField writes an existing field without metamethods.
func (inst *Instance) SetField(key, val Value) bool {
	idx, isField, ok := inst.Class.lookup(key)
	if !ok || !isField {
		return false
	}
	inst.Fields()[idx] = val
	return true
}

// KeyText renders a key as error messages show it.
func KeyText(v Value) string { return valueText(v) }
