package board

import (
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/impvm/impvm/imptype"
)

// BoardFile is a user's board, read from JSON (impvm run --board FILE;
// examples/boards/ has the schema and examples):
//
//	{
//	  "name": "greenhouse node",
//	  "imp": "imp001",
//	  "base": "explorer",
//	  "devices": [
//	    {"model": "tmp102", "bus": "i2c89", "address": "0x90", "alert": "pin2"},
//	    {"model": "gps", "bus": "uart12", "baud": 9600, "fix_after": "30s"}
//	  ]
//	}
//
// "imp" (required) is the imp type the board takes; "base" starts from a
// built-in board; "spiflash" is the bytes of SPI flash left to Squirrel
// by the chip fitted (imp003 and later: impOS keeps the bottom of the
// chip, so an imp003 with the minimum 512 KB chip has 64 KB); each device
// names its model and where it sits.
type BoardFile struct {
	Name       string
	Imp        string
	Base       string
	FlashBytes int // hardware.spiflash.size() (0: the imp type's default)
	Parts      []Part
}

// MaxFlashBytes is the largest user SPI flash a board file may give
// (the 24-bit addresses of hardware.spiflash reach 16 MB).
const MaxFlashBytes = 16 << 20

// LoadBoardFile reads a board file.
func LoadBoardFile(path string) (*BoardFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseBoardFile(path, data)
}

var deviceFields = map[string][]string{
	"ws2812":   {"count", "gate"},
	"spinor":   {"cs", "size"},
	"w5500":    {"cs", "int", "reset"},
	"stm32":    {"reset", "boot0"},
	"ft800":    {"cs", "pd", "int"},
	"max3421e": {"cs", "reset", "int"},
	"stn1110":  {"baud"},
	"cfa533":   {},
	"gps":      {"baud", "fix_after"},
	"modbus":   {"unit", "baud", "parity", "de", "functions", "holding", "input", "coils", "discrete"},
	"serial":   {"baud", "input_file", "output_file", "tcp_port"},
	"input":    {"pin"},
}

// defaultAddress is each I²C model's datasheet 8-bit address (registerI2C
// fills it).
var defaultAddress = map[string]int{}

// ParseBoardFile parses a board file; file names it in errors.
func ParseBoardFile(file string, data []byte) (*BoardFile, error) {
	root, err := parseJSON(file, data)
	if err != nil {
		return nil, err
	}
	w := walker{file}
	bf := &BoardFile{}
	haveImp := false
	var flashNode *node
	err = w.fields(root, "", []string{"name", "imp", "base", "spiflash", "devices", "comment"}, func(k string, v *node, f string) error {
		var err error
		switch k {
		case "name":
			bf.Name, err = w.str(v, f)
		case "imp":
			haveImp = true
			bf.Imp, err = w.str(v, f)
			if err == nil && !knownImp(bf.Imp) {
				err = w.errorf(v, f, "unknown imp type %q", bf.Imp)
			}
		case "base":
			bf.Base, err = w.str(v, f)
			if err == nil {
				if _, ok := Kits()[strings.ToLower(bf.Base)]; !ok {
					err = w.errorf(v, f, "no built-in board %q (built in: %s)", bf.Base, strings.Join(KitNames()[1:], ", "))
				}
			}
		case "spiflash":
			var x int64
			x, err = w.integer(v, f, FlashSector, MaxFlashBytes)
			if err == nil && x%FlashSector != 0 {
				err = w.errorf(v, f, "%d is not a whole number of 4096-byte sectors", x)
			}
			bf.FlashBytes, flashNode = int(x), v
		case "devices":
			if err = w.want(v, f, 'a'); err != nil {
				return err
			}
			for i, it := range v.items {
				p, err := w.part(it, f+"["+strconv.Itoa(i)+"]")
				if err != nil {
					return err
				}
				bf.Parts = append(bf.Parts, p)
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !haveImp {
		return nil, w.errorf(root, "imp", "missing: the imp type the board takes (imp001, imp004m, imp006, ...)")
	}
	if bf.Base != "" {
		if _, err := FindKit(bf.Base, bf.Imp); err != nil {
			return nil, w.errorf(root, "base", "%v", err)
		}
	}
	if bf.FlashBytes > 0 {
		if t, ok := imptype.Lookup(bf.Imp); ok && t.SPIFlashChip == 0 {
			return nil, w.errorf(flashNode, "spiflash", "an %s has no hardware.spiflash", bf.Imp)
		}
	}
	return bf, nil
}

func knownImp(t string) bool {
	switch t {
	case "imp001", "imp002", "imp003", "imp004m", "imp005", "imp006", "impC001":
		return true
	}
	return false
}

func (w walker) part(n *node, field string) (Part, error) {
	var p Part
	if err := w.want(n, field, 'o'); err != nil {
		return p, err
	}
	for i, k := range n.keys {
		if k == "model" {
			s, err := w.str(n.vals[i], field+".model")
			if err != nil {
				return p, err
			}
			p.Model = strings.ToLower(s)
			if _, ok := deviceFields[p.Model]; !ok {
				return p, w.errorf(n.vals[i], field+".model", "unknown model %q (models: %s)", s, strings.Join(Models, ", "))
			}
		}
	}
	if p.Model == "" {
		return p, w.errorf(n, field+".model", "missing")
	}
	p.Address = defaultAddress[p.Model]
	allowed := append([]string{"model", "bus", "comment"}, deviceFields[p.Model]...)
	if p.Model == "input" {
		allowed = []string{"model", "pin", "comment"}
	}
	// The fields naming an imp pin, and the whole-number fields with their
	// ranges (each model checks its sizes), by where each goes in p.
	pinFields := map[string]*string{"int": &p.Int1, "int1": &p.Int1, "alert": &p.Int1, "drdy": &p.Int1,
		"int2": &p.Int2, "gate": &p.Gate, "de": &p.DE, "pin": &p.Pin, "reset": &p.Reset, "pd": &p.Reset, "boot0": &p.Boot0}
	intFields := map[string]struct {
		to     *int
		lo, hi int64
	}{"size": {&p.Size, 1, 16 << 20}, "count": {&p.Count, 1, 4096}, "baud": {&p.Baud, 300, 5000000},
		"unit": {&p.Unit, 1, 247}, "tcp_port": {&p.TCPPort, 1, 65535}}
	haveBus := false
	err := w.fields(n, field, allowed, func(k string, v *node, f string) error {
		var err error
		var x int64
		if to, ok := pinFields[k]; ok {
			*to, err = w.name(v, f, "pin")
			return err
		}
		if in, ok := intFields[k]; ok {
			x, err = w.integer(v, f, in.lo, in.hi)
			*in.to = int(x)
			return err
		}
		switch k {
		case "bus":
			haveBus = true
			p.Bus, err = w.name(v, f, busPrefix(p.Model))
		case "address":
			x, err = w.integer(v, f, 0, 255)
			p.Address = int(x)
			if err == nil && x&1 != 0 {
				err = w.errorf(v, f, "0x%02X is odd: give the imp's 8-bit address (the 7-bit address shifted left)", x)
			}
		case "parity":
			var ps string
			ps, err = w.str(v, f)
			if err == nil {
				switch strings.ToLower(ps) {
				case "even":
					p.Parity = 'E'
				case "odd":
					p.Parity = 'O'
				case "none":
					p.Parity = 'N'
				default:
					err = w.errorf(v, f, "want \"even\", \"odd\" or \"none\", have %q", ps)
				}
			}
		case "cs":
			if v.str == BusCS {
				p.CS = BusCS
			} else {
				p.CS, err = w.name(v, f, "pin")
			}
		case "fix_after":
			p.FixAfter, err = w.duration(v, f)
		case "input_file":
			p.InFile, err = w.str(v, f)
		case "output_file":
			p.OutFile, err = w.str(v, f)
		case "registers":
			p.Registers = map[byte]byte{}
			err = w.fields(v, f, nil, func(rk string, rv *node, rf string) error {
				reg, perr := strconv.ParseUint(rk, 0, 8)
				if perr != nil {
					return w.errorf(rv, rf, "register %q is not a number from 0 to 0xFF", rk)
				}
				val, err := w.integer(rv, rf, 0, 255)
				p.Registers[byte(reg)] = byte(val)
				return err
			})
		case "holding":
			p.Holding, err = addressTable(w, v, f, w.word)
		case "input":
			p.Input, err = addressTable(w, v, f, w.word)
		case "functions":
			if err = w.want(v, f, 'a'); err != nil {
				return err
			}
			p.Functions = []byte{}
			for i, it := range v.items {
				itf := f + "[" + strconv.Itoa(i) + "]"
				x, err := w.integer(it, itf, 1, 127)
				if err != nil {
					return err
				}
				if !slices.Contains(ModbusFunctions, byte(x)) {
					return w.errorf(it, itf, "the slave has no function %d (it has %v)", x, ModbusFunctions)
				}
				p.Functions = append(p.Functions, byte(x))
			}
		case "coils":
			p.Coils, err = addressTable(w, v, f, w.bit)
		case "discrete":
			p.Discrete, err = addressTable(w, v, f, w.bit)
		}
		return err
	})
	if err != nil {
		return p, err
	}
	if p.Model == "input" {
		if p.Pin == "" {
			return p, w.errorf(n, field+".pin", "missing")
		}
	} else if !haveBus {
		return p, w.errorf(n, field+".bus", "missing")
	}
	if p.Model == "modbus" && p.Unit == 0 {
		p.Unit = 1
	}
	return p, nil
}

// addressTable reads an object whose keys are 16-bit addresses (a Modbus
// register or bit table), each value read by value.
func addressTable[T any](w walker, n *node, field string, value func(*node, string) (T, error)) (map[uint16]T, error) {
	m := map[uint16]T{}
	err := w.fields(n, field, nil, func(k string, v *node, f string) error {
		a, err := strconv.ParseUint(k, 0, 16)
		if err != nil {
			return w.errorf(v, f, "address %q is not a number from 0 to 65535", k)
		}
		m[uint16(a)], err = value(v, f)
		return err
	})
	return m, err
}

// word reads a 16-bit register value.
func (w walker) word(n *node, field string) (uint16, error) {
	x, err := w.integer(n, field, 0, 65535)
	return uint16(x), err
}

// bit reads a coil or discrete input: true or false.
func (w walker) bit(n *node, field string) (bool, error) {
	if err := w.want(n, field, 'b'); err != nil {
		return false, err
	}
	return n.b, nil
}

func busPrefix(model string) string {
	switch model {
	case "ws2812", "spinor", "w5500", "ft800", "max3421e":
		return "spi"
	case "cfa533", "gps", "modbus", "serial", "stm32", "stn1110":
		return "uart"
	}
	return "i2c"
}

// name reads a bus or pin name that must start with prefix.
func (w walker) name(n *node, field, prefix string) (string, error) {
	s, err := w.str(n, field)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(s, prefix) || len(s) == len(prefix) {
		return "", w.errorf(n, field, "want a %s name like %s, have %q", prefix, map[string]string{"i2c": "\"i2c89\"", "spi": "\"spi257\"", "uart": "\"uart12\"", "pin": "\"pin1\""}[prefix], s)
	}
	return s, nil
}

// Parts is the board's devices: its base board's, then its own.
func (bf *BoardFile) AllParts() []Part {
	var parts []Part
	if bf.Base != "" {
		if k, err := FindKit(bf.Base, bf.Imp); err == nil {
			parts = append(parts, k.Parts...)
		}
	}
	return append(parts, bf.Parts...)
}
