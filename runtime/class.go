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
// take instances of up to maxSlabFields fields from the VM's slabs.
func (vm *VM) instantiate(c *Class) *Instance {
	n := len(c.Fields)
	if n > maxSlabFields {
		return c.Instantiate()
	}
	slab := &vm.instances[n]
	if len(*slab) == 0 {
		*slab = newInstanceSlab(n, vm.instanceSlabSize())
	}
	inst := instanceAt(*slab)
	*slab = (*slab)[n+1:]
	inst.objHeader = newHeader()
	return c.initInstance(inst)
}

// initInstance gives a new instance of c its class and field defaults and
// locks the class.
func (c *Class) initInstance(inst *Instance) *Instance {
	if !c.Locked {
		c.lock()
	}
	inst.Class = c
	fields := inst.Fields()
	for i := range fields {
		fields[i] = c.Fields[i].Val
	}
	return inst
}

// lock marks c and its bases as having instances: as in the reference,
// a class whose derived class has an instance takes no new field either.
func (c *Class) lock() {
	for b := c; b != nil && !b.Locked; b = b.Base {
		b.Locked = true
	}
}

// instanceSlab is how many instances of a size one Go allocation holds
// for a VM's constructor calls: taking them eight at a time makes an
// instance an eighth of an allocation. A block lives while any of its
// instances does: at most seven dead neighbours (16 to 80 bytes each)
// stay with a kept instance, as with the varargs arrays' slabs. A VM's
// first slabs are smaller (two cells, then four): a device that makes a
// few objects at start-up and then idles keeps little unused room.
const instanceSlab = 8

// maxSlabFields is the most fields an instance taken from a slab has.
const maxSlabFields = 4

// instanceSlabSize is the number of cells of the VM's next instance slab.
func (vm *VM) instanceSlabSize() int {
	if vm.instanceSlabs < 2 {
		vm.instanceSlabs++
		return 1 << vm.instanceSlabs
	}
	return instanceSlab
}

// newInstanceSlab allocates cells instances of n fields as Values. A
// slab of instanceSlab cells is allocated as an array of its own length:
// the collector then reads its pointer mask from the type in one piece
// (512 bytes and under) or keeps it in a header (above), where a slice's
// mask is built by repeating one Value's, a step per Value.
func newInstanceSlab(n, cells int) []Value {
	if cells == instanceSlab {
		switch n {
		case 0:
			return new([instanceSlab]Value)[:]
		case 1:
			return new([instanceSlab * 2]Value)[:]
		case 2:
			return new([instanceSlab * 3]Value)[:]
		case 3:
			return new([instanceSlab * 4]Value)[:]
		case 4:
			return new([instanceSlab * 5]Value)[:]
		}
	}
	return make([]Value, (n+1)*cells)
}

// newInstance allocates an instance with n null fields: its header and
// its fields are one allocation of n+1 Values (16 bytes each, every
// count a size class of its own up to eight fields).
func newInstance(n int) *Instance {
	inst := instanceAt(make([]Value, n+1))
	inst.objHeader = newHeader()
	return inst
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
		return NewError(errLockedClass)
	}
	return c.AddMember(key, val, Null, false)
}

// errLockedClass is what adding a field to a class that has instances
// raises: an instance has room for the fields its class had when it was
// made.
const errLockedClass = "trying to modify a class that has already been instantiated"

// AddMember adds or replaces a member without metamethod hooks
// (rawnewmember), by the reference's rules: once the class has an
// instance only a function or a static may be added; a member that is a
// field stays one, whatever its new default (a function too); otherwise
// metamethod names with function values become metamethods, functions and
// statics methods, other values fields. A replaced member keeps its
// attributes when attrs is null.
func (c *Class) AddMember(key, val, attrs Value, static bool) error {
	asMethod := static || val.typ == TClosure || val.typ == TNative
	if c.Locked && !asMethod {
		return NewError(errLockedClass)
	}
	c.ctor = 0 // the constructor may be what changes
	idx, isField, ok := c.lookup(key)
	if ok && isField {
		c.Fields[idx] = ClassMember{Val: val, Attrs: keptAttrs(c.Fields[idx].Attrs, attrs)}
		return nil
	}
	if key.typ == TString && (val.typ == TClosure || val.typ == TNative) {
		if m, ok := MetaByName(key.Str()); ok {
			c.Meta[m] = val
			c.hasMeta = true
			return nil
		}
	}
	if val.typ == TClosure {
		val.Closure().Base = c.Base
	}
	switch {
	case asMethod && ok:
		c.Methods[idx] = ClassMember{Val: val, Attrs: keptAttrs(c.Methods[idx].Attrs, attrs)}
	case asMethod:
		c.Methods = append(c.Methods, ClassMember{Val: val, Attrs: attrs})
		c.Members.Set(key, Int(int32((len(c.Methods)-1)<<1)))
	default:
		c.Fields = append(c.Fields, ClassMember{Val: val, Attrs: attrs})
		c.Members.Set(key, Int(int32((len(c.Fields)-1)<<1|1)))
	}
	return nil
}

// keptAttrs is a replaced member's attributes: the new ones, or the old
// when none are given (the reference sets them only from a declaration
// that has some).
func keptAttrs(old, attrs Value) Value {
	if attrs.typ == TNull {
		return old
	}
	return attrs
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
	return c.AddMember(key, val, attrs, static)
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
