package board

import (
	"fmt"
	"slices"
	"strings"
)

// i2cModel is an I²C part registered by its own file (sx150x.go,
// eeprom24.go, ...): how Build makes it from a Part, the board-file
// fields it takes beyond model and bus, and its datasheet's default
// 8-bit address.
type i2cModel struct {
	fields []string
	addr   int
	make   partMaker
	also   func(p Part) []byte // the other addresses the part answers at (nil: none)
}

// partMaker makes a registered part for board file entry p; key names
// it in the environment's quantities and its noise's seed.
type partMaker func(env *Env, p Part, key string) (I2CDevice, error)

// fromEnv is the partMaker of a part made from the environment alone.
func fromEnv[D I2CDevice](newPart func(env *Env) D) partMaker {
	return func(env *Env, _ Part, _ string) (I2CDevice, error) { return newPart(env), nil }
}

// fromEnvKey is the partMaker of a part made from the environment and
// its key.
func fromEnvKey[D I2CDevice](newPart func(env *Env, key string) D) partMaker {
	return func(env *Env, _ Part, key string) (I2CDevice, error) { return newPart(env, key), nil }
}

// interruptOutputs is a registered part with interrupt outputs (INT,
// DRDY, ALERT): a board file's int1 field (or int, drdy, alert) wires
// int1 to an imp pin, its int2 field int2 (nil: no such output).
type interruptOutputs interface {
	interruptLines() (int1, int2 PinSource)
}

// otherAddresses lists the addresses a registered part answers at beside
// its own (an LSM9DS0's gyroscope), for guessing a board by address.
func otherAddresses(p Part) []byte {
	if m, ok := i2cModels[p.Model]; ok && m.also != nil {
		return m.also(p)
	}
	return nil
}

// i2cModels are the registered I²C models, by Part.Model.
var i2cModels = map[string]i2cModel{}

// registerI2C adds an I²C model: Build attaches it, board files accept it
// with its fields, and Models lists it.
func registerI2C(name string, m i2cModel) {
	if _, dup := i2cModels[name]; dup {
		panic("board: model " + name + " registered twice")
	}
	i2cModels[name] = m
	deviceFields[name] = m.fields
	defaultAddress[name] = m.addr
	// Models stays sorted: an insertion where a sort after each of the
	// registrations cost every impvm process's start-up ~0.1M instructions.
	i, _ := slices.BinarySearch(Models, name)
	Models = slices.Insert(Models, i, name)
}

// attachRegistered attaches a registered I²C model; ok is false when
// p.Model is not one.
func (b *Board) attachRegistered(env *Env, p Part) (ok bool, err error) {
	m, ok := i2cModels[p.Model]
	if !ok {
		return false, nil
	}
	if err := b.addressesFree(p); err != nil {
		return true, err
	}
	dev, err := m.make(env, p, fmt.Sprintf("%s@%s:%02X", p.Model, p.Bus, p.Address))
	if err != nil {
		return true, err
	}
	if io, ok := dev.(interruptOutputs); ok {
		int1, int2 := io.interruptLines()
		if err := b.wireInt(p.Int1, int1); err != nil {
			return true, err
		}
		if err := b.wireInt(p.Int2, int2); err != nil {
			return true, err
		}
	}
	if rs, ok := dev.(registerSetter); ok {
		for _, reg := range sortedRegs(p.Registers) {
			if err := rs.SetRegister(reg, p.Registers[reg]); err != nil {
				return true, err
			}
		}
	}
	if ext, ok := dev.(extraAddresses); ok {
		for _, a := range ext.alsoAt(byte(p.Address)) {
			if err := b.AddI2C(p.Bus, a.addr8, a.dev); err != nil {
				return true, err
			}
		}
	}
	return true, b.AddI2C(p.Bus, byte(p.Address), dev)
}

// addressesFree checks that every address registered part p answers at
// is free on its bus before anything of it is made or wired: a part is
// attached whole or not at all.
func (b *Board) addressesFree(p Part) error {
	addrs := append([]byte{byte(p.Address)}, otherAddresses(p)...)
	for _, a := range addrs {
		if d := b.i2c[p.Bus][a]; d != nil {
			what := fmt.Sprintf("0x%02X", addrs[0])
			if len(addrs) > 1 {
				what = fmt.Sprintf("% X", addrs)
				what = "0x" + strings.ReplaceAll(what, " ", ", 0x")
			}
			return fmt.Errorf("0x%02X on %s is taken by a %s (a %s answers at %s: attached at all of them or none)", a, p.Bus, modelName(d), p.Model, what)
		}
	}
	return nil
}

// extraAddresses is a part answering at more than one address (a 24C16
// EEPROM's eight 256-byte blocks at 0xA0-0xAE).
type extraAddresses interface {
	alsoAt(addr8 byte) []addressed
}

type addressed struct {
	addr8 byte
	dev   I2CDevice
}

// wireInt lets src drive imp pin pin when both are given.
func (b *Board) wireInt(pin string, src PinSource) error {
	if pin == "" || src == nil {
		return nil
	}
	return b.AddSource(pin, src)
}
