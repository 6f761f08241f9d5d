package runtime

// forPrep checks the container of a foreach (r[0]) and initialises its
// iteration state (r[1]).
func (vm *VM) forPrep(r []Value) error {
	c := r[0]
	switch c.typ {
	case TTable, TArray, TString, TClass, TGenerator:
	case TInstance:
		if _, ok := vm.metamethod(c, MetaNexti); !ok {
			return NewError("_nexti failed")
		}
	case TUserData:
		if _, ok := c.UserData().Data.(Iterator); !ok {
			return Errorf("cannot iterate %s", c.TypeName())
		}
	default:
		return Errorf("cannot iterate %s", c.TypeName())
	}
	r[1] = Int(0)
	if c.typ == TInstance {
		r[1] = Null
	}
	return nil
}

// forNext advances the foreach whose registers start at stack index at:
// container, state, key, value. It reports false at the end.
func (vm *VM) forNext(at int) (bool, error) {
	c := vm.stack[at]
	state := vm.stack[at+1]
	i := int(int32(state.n))
	switch c.typ {
	case TArray:
		a := c.Array()
		if i >= len(a.Elems) {
			return false, nil
		}
		vm.setForVars(at, Int(int32(i+1)), Int(int32(i)), deref(a.Elems[i]))
	case TTable:
		k, v, next, ok := c.Table().Next(i)
		if !ok {
			return false, nil
		}
		vm.setForVars(at, Int(int32(next)), k, deref(v))
	case TClass:
		k, _, next, ok := c.Class().Members.Next(i)
		if !ok {
			return false, nil
		}
		mv, _ := c.Class().Get(k)
		vm.setForVars(at, Int(int32(next)), k, deref(mv))
	case TString:
		s := c.Str()
		if i >= len(s) {
			return false, nil
		}
		vm.setForVars(at, Int(int32(i+1)), Int(int32(i)), Int(int32(s[i])))
	case TGenerator:
		return vm.forNextGenerator(at, c.Generator(), i)
	case TInstance:
		return vm.forNextInstance(at, c, state)
	case TUserData:
		next, k, v, ok := c.UserData().Data.(Iterator).Next(i - 1)
		if !ok {
			return false, nil
		}
		vm.setForVars(at, Int(int32(next+1)), k, v)
	}
	return true, nil
}

func (vm *VM) setForVars(at int, state, key, val Value) {
	vm.stack[at+1] = state
	vm.stack[at+2] = key
	vm.stack[at+3] = val
}

func (vm *VM) forNextGenerator(at int, g *Generator, i int) (bool, error) {
	if g.State == GenDead {
		return false, nil
	}
	v, err := vm.resume(g)
	if err != nil {
		return false, err
	}
	if g.State == GenDead {
		return false, nil
	}
	vm.setForVars(at, Int(int32(i+1)), Int(int32(i)), v)
	return true, nil
}

func (vm *VM) forNextInstance(at int, obj, prev Value) (bool, error) {
	mm, _ := vm.metamethod(obj, MetaNexti)
	k, err := vm.Call(mm, obj, prev)
	if err != nil {
		return false, err
	}
	if k.typ == TNull {
		return false, nil
	}
	v, err := vm.Get(obj, k)
	if err != nil {
		return false, NewError("_nexti returned an invalid idx")
	}
	vm.setForVars(at, k, k, v)
	return true, nil
}
