package runtime

import (
	"strconv"
)

// deref reads through a weak reference stored in a container slot.
func deref(v Value) Value {
	if v.typ == TWeakRef {
		return v.WeakRef().Get()
	}
	return v
}

// fastGet handles the common reads (own table slot, instance member,
// array element) without any call; ok=false means "take the slow path".
func fastGet(obj, key Value) (Value, bool) {
	if obj.typ == TArray {
		// a[i] first: the loop reads a table's integer slot itself.
		if a, i := obj.Array(), int32(key.n); key.typ == TInt && i >= 0 && int(i) < len(a.Elems) {
			return deref(a.Elems[i]), true
		}
		return Null, false
	}
	switch obj.typ {
	case TTable:
		t := obj.Table()
		var i int32
		if key.typ == TString {
			if i = t.probeStr(key.StringObj()); i < 0 {
				i = t.findStr(key.StringObj())
			}
		} else if key.typ == TInt {
			i = t.findInt(key.n)
		} else if key.typ != TNull {
			i = t.find(key)
		} else {
			return Null, false
		}
		if i < 0 {
			return Null, false
		}
		return deref(t.nodes[i].val), true
	case TInstance:
		if key.typ != TString {
			return Null, false
		}
		inst := obj.Instance()
		return inst.Class.memberByStr(inst, key.StringObj())
	case TString:
		if key.typ == TInt {
			str := obj.Str()
			if i := int32(key.n); i >= 0 && int(i) < len(str) {
				return Value{typ: TInt, n: uint32(str[i])}, true
			}
		}
	case TUserData:
		// Methods: a string key the delegate holds is the delegate's
		// (see Indexer).
		if key.typ == TString {
			if d := obj.UserData().Delegate; d != nil {
				i := d.probeStr(key.StringObj())
				if i < 0 {
					i = d.findStr(key.StringObj())
				}
				if i >= 0 {
					return d.nodes[i].val, true
				}
			}
		}
	case TClass:
		// base.method() and Class.member: methods, statics, field defaults.
		if key.typ != TString {
			return Null, false
		}
		c := obj.Class()
		i := c.Members.probeStr(key.StringObj())
		if i < 0 {
			i = c.Members.findStr(key.StringObj())
		}
		if i < 0 {
			return Null, false
		}
		if code := int32(c.Members.nodes[i].val.n); code&1 == 1 {
			return deref(c.Fields[code>>1].Val), true
		} else {
			return deref(c.Methods[code>>1].Val), true
		}
	}
	return Null, false
}

// memberByStr reads member s through inst (a field of the instance, or
// a method or static of the class); ok=false when there is none.
func (c *Class) memberByStr(inst *Instance, s *String) (Value, bool) {
	i := c.Members.probeStr(s)
	if i < 0 {
		i = c.Members.findStr(s)
	}
	if i < 0 {
		return Null, false
	}
	if code := int32(c.Members.nodes[i].val.n); code&1 == 1 {
		return deref(*inst.field(c, code>>1)), true
	} else {
		return deref(c.Methods[code>>1].Val), true
	}
}

// setFieldByStr writes field s of inst; false when s is not a field.
func (c *Class) setFieldByStr(inst *Instance, s *String, val Value) bool {
	m := c.Members
	i := m.probeStr(s)
	if i < 0 {
		i = m.findStr(s)
	}
	if i >= 0 {
		if code := int32(m.nodes[i].val.n); code&1 == 1 {
			*inst.field(c, code>>1) = val
			return true
		}
	}
	return false
}

// plainDelegate is the default delegate a string key not found in obj
// itself is read from, when nothing else can answer first (no delegate
// chain, no metamethod, no class or host object): nil otherwise.
func (vm *VM) plainDelegate(obj Value) *Table {
	switch obj.typ {
	case TTable:
		if obj.Table().Delegate != nil {
			return nil
		}
	case TInstance, TClass, TUserData:
		return nil
	}
	return vm.delegates[obj.typ]
}

// fastSet handles the common writes (existing own table slot, instance
// field, array element in range).
func fastSet(obj, key, val Value) bool {
	switch obj.typ {
	case TTable:
		switch key.typ {
		case TNull:
			return false
		case TInt:
			t := obj.Table()
			if i := t.findInt(key.n); i >= 0 {
				t.nodes[i].val = val
				return true
			}
			return false
		}
		return obj.Table().Update(key, val)
	case TInstance:
		if key.typ != TString {
			return false
		}
		inst := obj.Instance()
		return inst.Class.setFieldByStr(inst, key.StringObj(), val)
	case TArray:
		if key.typ == TInt {
			a := obj.Array()
			i := int32(key.n)
			if i >= 0 && int(i) < len(a.Elems) {
				a.Elems[i] = val
				return true
			}
		}
	}
	return false
}

// errNotFound is the reference's missing-index error.
func errNotFound(key Value) *Error {
	s := valueText(key)
	if len(s) > 50 {
		s = s[:50]
	}
	// No Sprintf, and the message is one block: scripts catch this often.
	return &Error{Value: StrObj(catExact3("the index '", s, "' does not exist"))}
}

// Get reads obj[key] with full semantics, without the root fallback.
func (vm *VM) Get(obj, key Value) (Value, error) { return vm.get(obj, key, false) }

// get reads obj[key]; fromThis enables the root-table fallback used for
// lookups on `this`.
func (vm *VM) get(obj, key Value, fromThis bool) (Value, error) {
	v, found, mm, err := vm.lookupRaw(obj, key)
	return vm.getFinish(obj, key, fromThis, v, found, mm, err)
}

// getFinish completes a read lookupRaw began: it calls the _get lookupRaw
// left (mm) and goes on after its miss, then falls back to the root table
// for a read of this.
func (vm *VM) getFinish(obj, key Value, fromThis bool, v Value, found bool, mm Value, err error) (Value, error) {
	if mm.typ != TNull {
		if v, found, err = vm.callGetMeta(mm, obj, key); err == nil && !found {
			v, found = vm.getMissed(obj, key)
		}
	}
	if err != nil || found {
		return v, err
	}
	return vm.rootOrMissing(key, fromThis)
}

// getMissed is what a read tries after its _get missed: an instance's
// default delegate.
func (vm *VM) getMissed(obj, key Value) (Value, bool) {
	if obj.typ == TInstance {
		v, ok, _ := vm.defaultDelegateGet(TInstance, key)
		return v, ok
	}
	return Null, false
}

// rootOrMissing ends a read that found nothing: the root table's slot for
// a read of this, otherwise the missing-index error.
func (vm *VM) rootOrMissing(key Value, fromThis bool) (Value, error) {
	if fromThis {
		if v, ok := vm.root.Get(key); ok {
			return deref(v), nil
		}
	}
	return Null, errNotFound(key)
}

// lookup performs a read without the root fallback; found=false means the
// key does not exist anywhere.
func (vm *VM) lookup(obj, key Value) (Value, bool, error) {
	v, found, mm, err := vm.lookupRaw(obj, key)
	if mm.typ != TNull {
		if v, found, err = vm.callGetMeta(mm, obj, key); err == nil && !found {
			v, found = vm.getMissed(obj, key)
		}
	}
	return v, found, err
}

// lookupRaw is lookup up to its last step: when what is left is calling
// a _get with obj and key (and, for an instance, then its default
// delegate), it returns that _get as mm (found false) instead of calling
// it, so the loop can run it as a frame of its own.
func (vm *VM) lookupRaw(obj, key Value) (v Value, found bool, mm Value, err error) {
	switch obj.typ {
	case TTable:
		t := obj.Table()
		if key.typ == TNull {
			return Null, false, Null, nil
		}
		if v, ok := t.Get(key); ok {
			return deref(v), true, Null, nil
		}
		d := t.Delegate
		if d == nil {
			v, found, err = vm.defaultDelegateGet(TTable, key)
			return v, found, Null, err
		}
		if v, found, err = vm.tableLookup(d, TableValue(d), key); err != nil || found {
			return v, found, Null, err
		}
		mm, ok := d.Get(StrObj(metaStrings[MetaGet]))
		if ok && mm.typ == TNull {
			// A _get slot holding null is still called (and fails).
			v, found, err = vm.callGetMeta(mm, obj, key)
		}
		return v, found, mm, err
	case TInstance:
		inst := obj.Instance()
		if v, ok := inst.Class.memberValue(inst, key); ok {
			return deref(v), true, Null, nil
		}
		if mm := inst.Class.Meta[MetaGet]; mm.typ != TNull {
			return Null, false, mm, nil
		}
		v, found, err = vm.defaultDelegateGet(TInstance, key)
		return v, found, Null, err
	}
	v, found, err = vm.lookupPlain(obj, key)
	return v, found, Null, err
}

// lookupPlain is lookup for values without metamethods.
func (vm *VM) lookupPlain(obj, key Value) (Value, bool, error) {
	switch obj.typ {
	case TClass:
		c := obj.Class()
		if v, ok := c.Get(key); ok {
			return deref(v), true, nil
		}
	case TArray:
		if key.IsNumber() {
			a := obj.Array()
			i, _ := key.ToInt()
			if i >= 0 && int(i) < len(a.Elems) {
				return deref(a.Elems[i]), true, nil
			}
			return Null, false, nil
		}
	case TString:
		if key.IsNumber() {
			s := obj.Str()
			i, _ := key.ToInt()
			if i >= 0 && int(i) < len(s) {
				return Int(int32(s[i])), true, nil
			}
			return Null, false, nil
		}
	case TUserData:
		return vm.userDataLookup(obj.UserData(), key)
	}
	return vm.defaultDelegateGet(obj.typ, key)
}

func (vm *VM) defaultDelegateGet(t Type, key Value) (Value, bool, error) {
	if d := vm.delegates[t]; d != nil {
		if v, ok := d.Get(key); ok {
			return v, true, nil
		}
	}
	return Null, false, nil
}

func (vm *VM) tableLookup(t *Table, obj, key Value) (Value, bool, error) {
	if key.typ == TNull {
		return Null, false, nil
	}
	if v, ok := t.Get(key); ok {
		return deref(v), true, nil
	}
	if d := t.Delegate; d != nil {
		v, found, err := vm.tableLookup(d, TableValue(d), key)
		if err != nil || found {
			return v, found, err
		}
		if mm, ok := d.Get(StrObj(metaStrings[MetaGet])); ok {
			return vm.callGetMeta(mm, obj, key)
		}
		return Null, false, nil
	}
	return vm.defaultDelegateGet(TTable, key)
}

// errGetMiss is the null a _get written in Squirrel throws uncaught in
// its own run: it is never traced, caught or kept, only read by
// callGetMeta, so one shared value serves every miss.
var errGetMiss = &Error{}

// callGetMeta calls _get; a thrown null means "not found".
func (vm *VM) callGetMeta(mm, obj, key Value) (Value, bool, error) {
	saved := vm.getMetaRun
	vm.getMetaRun = 0
	if mm.typ == TClosure {
		// The run of the frame Call pushes. (A native _get runs no
		// frame: a Squirrel function it calls back is a run of its
		// own, whose errors it may keep.)
		vm.getMetaRun = len(vm.frames) + 1
	}
	v, err := vm.Call(mm, obj, key)
	vm.getMetaRun = saved
	if err != nil {
		if e, ok := err.(*Error); ok && e.Value.typ == TNull {
			return Null, false, nil
		}
		return Null, false, err
	}
	return v, true, nil
}

func (vm *VM) userDataLookup(u *UserData, key Value) (Value, bool, error) {
	if ix, ok := u.Data.(Indexer); ok {
		v, found, err := ix.GetIndex(vm, key)
		if err != nil || found {
			return v, found, err
		}
	}
	if u.Delegate != nil {
		if v, ok := u.Delegate.Get(key); ok {
			return v, true, nil
		}
	}
	return vm.defaultDelegateGet(TUserData, key)
}

// metamethod finds a metamethod of a table (in its delegate chain) or an
// instance (in its class).
func (vm *VM) metamethod(obj Value, m Metamethod) (Value, bool) {
	switch obj.typ {
	case TInstance:
		mm := obj.Instance().Class.Meta[m]
		return mm, mm.typ != TNull
	case TTable:
		for d := obj.Table().Delegate; d != nil; d = d.Delegate {
			if v, ok := d.GetStr(metaStrings[m]); ok {
				return v, true
			}
		}
	}
	return Null, false
}

// Set writes obj[key] = val with full semantics.
func (vm *VM) Set(obj, key, val Value) error { return vm.set(obj, key, val, false) }

func (vm *VM) set(obj, key, val Value, fromThis bool) error {
	handled, mm, err := vm.trySetRaw(obj, key, val)
	return vm.setFinish(obj, key, val, fromThis, handled, mm, err)
}

// setFinish completes a write trySetRaw began: it calls the _set
// trySetRaw left (mm), then ends a write that found no slot.
func (vm *VM) setFinish(obj, key, val Value, fromThis, handled bool, mm Value, err error) error {
	if mm.typ != TNull {
		handled, err = vm.callSetMeta(mm, obj, key, val)
	}
	if err != nil || handled {
		return err
	}
	return vm.setMissed(obj, key, val, fromThis)
}

// setMissed ends a write that found no slot (and no _set took it): the
// root table's slot for a write through this, otherwise the error.
func (vm *VM) setMissed(obj, key, val Value, fromThis bool) error {
	if fromThis && vm.root.Update(key, val) {
		return nil
	}
	switch obj.typ {
	case TTable, TInstance, TArray, TUserData:
		if obj.typ == TArray && !key.IsNumber() {
			return Errorf("indexing array with %s", key.TypeName())
		}
		return errNotFound(key)
	}
	return Errorf("trying to set '%s'", obj.TypeName())
}

// trySet attempts the write; handled=false means the key was not found.
func (vm *VM) trySet(obj, key, val Value) (bool, error) {
	handled, mm, err := vm.trySetRaw(obj, key, val)
	if mm.typ != TNull {
		return vm.callSetMeta(mm, obj, key, val)
	}
	return handled, err
}

// trySetRaw is trySet up to its last step: when what is left is calling
// a _set with obj, key and val, it returns that _set as mm instead of
// calling it, so the loop can run it as a frame of its own.
func (vm *VM) trySetRaw(obj, key, val Value) (handled bool, mm Value, err error) {
	switch obj.typ {
	case TTable:
		t := obj.Table()
		if key.typ == TNull {
			return false, Null, nil
		}
		if t.Update(key, val) {
			return true, Null, nil
		}
		for d := t.Delegate; d != nil; d = d.Delegate {
			if d.Update(key, val) {
				return true, Null, nil
			}
		}
		mm, ok := vm.metamethod(obj, MetaSet)
		if ok && mm.typ == TNull {
			// A _set slot holding null is still called (and fails).
			handled, err = vm.callSetMeta(mm, obj, key, val)
		}
		return handled, mm, err
	case TInstance:
		inst := obj.Instance()
		if idx, isField, ok := inst.Class.lookup(key); ok && isField {
			inst.Fields()[idx] = val
			return true, Null, nil
		}
		return false, inst.Class.Meta[MetaSet], nil
	case TArray:
		if key.IsNumber() {
			a := obj.Array()
			i, _ := key.ToInt()
			if i >= 0 && int(i) < len(a.Elems) {
				a.Elems[i] = val
				return true, Null, nil
			}
		}
	case TUserData:
		if ix, ok := obj.UserData().Data.(Indexer); ok {
			handled, err = ix.SetIndex(vm, key, val)
			return handled, Null, err
		}
	}
	return false, Null, nil
}

func (vm *VM) callSetMeta(mm, obj, key, val Value) (bool, error) {
	if _, err := vm.Call(mm, obj, key, val); err != nil {
		if e, ok := err.(*Error); ok && e.Value.typ == TNull {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// NewSlot performs obj[key] <- val.
func (vm *VM) NewSlot(obj, key, val Value) error {
	if key.typ == TNull {
		switch obj.typ {
		case TTable, TClass, TInstance:
			return NewError("null cannot be used as index")
		}
	}
	switch obj.typ {
	case TTable:
		t := obj.Table()
		if !t.Has(key) {
			if mm, ok := vm.metamethod(obj, MetaNewSlot); ok {
				_, err := vm.Call(mm, obj, key, val)
				return err
			}
			if err := vm.chargeSlot(); err != nil {
				return err
			}
		}
		t.Set(key, val)
		return nil
	case TClass:
		if err := vm.chargeSlot(); err != nil {
			return err
		}
		return obj.Class().NewSlot(key, val)
	case TInstance:
		if mm, ok := vm.metamethod(obj, MetaNewSlot); ok {
			_, err := vm.Call(mm, obj, key, val)
			return err
		}
		return NewError("class instances do not support the new slot operator")
	}
	return Errorf("indexing %s with %s", obj.TypeName(), key.TypeName())
}

// deleteSlot performs delete obj[key] and returns the removed value.
func (vm *VM) deleteSlot(obj, key Value) (Value, error) {
	switch obj.typ {
	case TTable:
		if mm, ok := vm.metamethod(obj, MetaDelSlot); ok {
			return vm.Call(mm, obj, key)
		}
		if key.typ == TNull {
			return Null, errNotFound(key)
		}
		v, ok := obj.Table().Delete(key)
		if !ok {
			return Null, errNotFound(key)
		}
		return v, nil
	case TInstance:
		if mm, ok := vm.metamethod(obj, MetaDelSlot); ok {
			return vm.Call(mm, obj, key)
		}
		return Null, NewError("cannot delete a slot from instance")
	}
	return Null, Errorf("attempt to delete a slot from a %s", obj.TypeName())
}

// rawIn is the `in` operator: a raw existence check.
func rawIn(obj, key Value) bool {
	switch obj.typ {
	case TTable:
		return key.typ != TNull && obj.Table().Has(key)
	case TArray:
		i, ok := key.ToInt()
		return ok && key.typ != TBool && i >= 0 && int(i) < len(obj.Array().Elems)
	case TString:
		i, ok := key.ToInt()
		return ok && key.typ != TBool && i >= 0 && int(i) < len(obj.Str())
	case TClass:
		_, _, ok := obj.Class().lookup(key)
		return ok
	case TInstance:
		_, _, ok := obj.Instance().Class.lookup(key)
		return ok
	case TUserData:
		u := obj.UserData()
		return key.typ != TNull && u.Delegate != nil && u.Delegate.Has(key)
	}
	return false
}

func instanceOf(obj, cls Value) (Value, error) {
	if cls.typ != TClass {
		return Null, Errorf("cannot apply instanceof between a %s and a %s", cls.TypeName(), obj.TypeName())
	}
	if obj.typ != TInstance {
		return False, nil
	}
	target := cls.Class()
	for c := obj.Instance().Class; c != nil; c = c.Base {
		if c == target {
			return True, nil
		}
	}
	return False, nil
}

// clone implements the clone operator.
func (vm *VM) clone(v Value) (Value, error) {
	switch v.typ {
	case TTable, TInstance:
		return vm.cloned(vm.copyObject(v), v)
	case TArray:
		elems := v.Array().Elems
		if len(elems) > 8 {
			return ArrayValue(NewArrayOf(append([]Value(nil), elems...))), nil
		}
		a := NewArrayCap(len(elems), len(elems)) // one allocation
		copy(a.Elems, elems)
		return ArrayValue(a), nil
	case TUserData:
		u := v.UserData()
		if c, ok := u.Data.(Cloner); ok {
			return UserDataValue(NewUserData(u.TypeName, u.Delegate, c.Clone())), nil
		}
	}
	return Null, Errorf("cloning a %s", v.TypeName())
}

// copyObject is the copy clone makes of a table or an instance (before
// its _cloned runs).
func (vm *VM) copyObject(v Value) Value {
	if v.typ == TTable {
		return TableValue(v.Table().Clone())
	}
	src := v.Instance()
	inst := newInstance(len(src.Fields()))
	inst.Class = src.Class
	copy(inst.Fields(), src.Fields())
	return InstanceValue(inst)
}

// cloned calls the _cloned metamethod of a table's or instance's copy nv,
// when it has one, with the original v, and returns the copy.
func (vm *VM) cloned(nv, v Value) (Value, error) {
	if mm, ok := vm.metamethod(nv, MetaCloned); ok {
		if _, err := vm.Call(mm, nv, v); err != nil {
			return Null, err
		}
	}
	return nv, nil
}

// ToString converts v as tostring()/print/concatenation do.
func (vm *VM) ToString(v Value) (string, error) {
	switch v.typ {
	case TString:
		return v.Str(), nil
	case TInt:
		return strconv.Itoa(int(int32(v.n))), nil
	case TFloat:
		return FormatFloat(v.Float()), nil
	case TBool:
		if v.n != 0 {
			return "true", nil
		}
		return "false", nil
	case TNull:
		return "null", nil
	case TTable, TInstance:
		if mm, ok := vm.metamethod(v, MetaToString); ok {
			r, err := vm.Call(mm, v)
			if err != nil {
				return "", err
			}
			if r.typ == TString {
				return r.Str(), nil
			}
		}
	case TUserData:
		if s, ok := v.UserData().Data.(Stringer); ok {
			return s.ToString(), nil
		}
	}
	return AddressText(v), nil
}

// AddressText is the generic "(type : 0x...)" rendering; the number is the
// object's deterministic identity, not a memory address.
func AddressText(v Value) string {
	return "(" + v.TypeName() + " : 0x" + strconv.FormatUint(uint64(objectID(v)), 16) + ")"
}
