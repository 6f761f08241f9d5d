package compile

import (
	"slices"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// Constants is the compile-time constant table shared by everything one VM
// compiles: const values and enums (an enum is a map of member values).
type Constants struct {
	values map[string]runtime.Value
	enums  map[string]map[string]runtime.Value
}

// NewConstants makes an empty constant table.
func NewConstants() *Constants {
	return &Constants{values: map[string]runtime.Value{}, enums: map[string]map[string]runtime.Value{}}
}

// DefineEnum adds the enum name with its members, as compiling
// "enum name { ... }" ahead of the code would, without parsing it.
func (c *Constants) DefineEnum(name string, members map[string]runtime.Value) {
	c.enums[name] = members
}

// File compiles a parsed file into the Proto of its main function. The
// main function takes `this` (the root table) and vargv.
func File(f *syntax.File, consts *Constants) (proto *runtime.Proto, err error) {
	return FileWith(f, consts, Options{})
}

// FileWith is File with options.
func FileWith(f *syntax.File, consts *Constants, opts Options) (proto *runtime.Proto, err error) {
	if consts == nil {
		consts = NewConstants()
	}
	c := &compiler{file: f.Name, consts: consts, strs: map[string]*runtime.String{}, cover: opts.Cover}
	defer func() {
		if r := recover(); r != nil {
			ce, ok := r.(*syntax.Error)
			if !ok {
				panic(r)
			}
			proto, err = nil, ce
		}
	}()
	fn := &syntax.Function{Name: "main", Varargs: true, Body: &syntax.Block{Stmts: f.Stmts}, EndLine: f.EndLine, Yields: f.Yields}
	proto = c.function(nil, fn)
	return proto, nil
}

type compiler struct {
	file   string
	consts *Constants
	strs   map[string]*runtime.String
	cover  bool // emit COVER instructions (Options.Cover)
	spare  []codeBuf
	states []*funcState // function states of finished functions, for reuse
}

// A codeBuf holds the code and constants of a function while it is
// compiled. The buffers are reused from function to function (a nested
// function takes another), so a function's slices are not grown from
// empty each time; the Proto gets exact-sized copies.
type codeBuf struct {
	code        []runtime.Instr
	lines, cols []int32
	consts      []runtime.Value
	keys        []constKey
}

// startCode gives fs's function a spare buffer, emptied.
func (c *compiler) startCode(fs *funcState) {
	var b codeBuf
	if n := len(c.spare); n > 0 {
		b = c.spare[n-1]
		c.spare = c.spare[:n-1]
	}
	p := fs.proto
	p.Code, p.Lines, p.Cols, p.Consts = b.code[:0], b.lines[:0], b.cols[:0], b.consts[:0]
	fs.kkeys = b.keys[:0]
}

// finishCode gives fs's function exact copies of its code and constants
// and keeps its buffer.
func (c *compiler) finishCode(fs *funcState) {
	p := fs.proto
	c.spare = append(c.spare, codeBuf{p.Code, p.Lines, p.Cols, p.Consts, fs.kkeys})
	p.Code, p.Lines, p.Cols = slices.Clone(p.Code), slices.Clone(p.Lines), slices.Clone(p.Cols)
	p.Consts = exactClone(p.Consts)
}

// exactClone is a copy of s with no spare capacity; nil if s is empty.
func exactClone[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

func (c *compiler) errorf(p syntax.Pos, msg string) {
	panic(&syntax.Error{File: c.file, Pos: p, Msg: msg})
}

func (c *compiler) str(s string) *runtime.String {
	if o, ok := c.strs[s]; ok {
		return o
	}
	o := runtime.CompiledName(s)
	c.strs[s] = o
	return o
}

// ------------------------------------------------------------ function state

type local struct {
	name     string
	reg      int
	captured bool
	startPC  int
}

type scope struct {
	firstLocal int // index into fs.locals
	firstReg   int
}

type loopLabels struct {
	isSwitch   bool
	breaks     []int
	continues  []int
	regLevel   int // registers at or above this are inside the loop
	trapDepth  int
	continueOK bool
}

type constKey struct {
	typ runtime.Type
	n   uint32
	s   string
}

type funcState struct {
	c         *compiler
	parent    *funcState
	proto     *runtime.Proto
	locals    []local // active locals, innermost last
	scopes    []scope
	freeReg   int
	loops     []*loopLabels
	trapDepth int
	kkeys     []constKey       // the keys of proto.Consts, in order
	kmap      map[constKey]int // kkeys indexed, once there are more than linearConsts
	outerIdx  map[string]int
	line      int32
	col       int32 // column of line's current node; 0 when unknown
	ref       refLines
}

func (c *compiler) function(parent *funcState, fn *syntax.Function) *runtime.Proto {
	p := &runtime.Proto{Name: fn.Name, Source: c.file, Line: fn.P.Line}
	if fn.Name == "main" && parent == nil {
		p.Name = "main"
	}
	fs := c.newFuncState(parent, p, fn.P.Line)
	defer c.giveBack(fs)
	c.startCode(fs)
	fs.ref.entry = -1
	fs.declareLocal("this")
	p.ParamNames = append(p.ParamNames, "this")
	for _, prm := range fn.Params {
		fs.declareLocal(prm.Name)
		p.ParamNames = append(p.ParamNames, prm.Name)
		if prm.Default != nil {
			p.NumDefaults++
		}
	}
	p.NumParams = 1 + len(fn.Params)
	p.IsGenerator = fn.Yields
	if fn.Varargs {
		p.Varargs = true
		p.VargvLocal = vargvStaysLocal(fn)
		fs.declareLocal("vargv")
	}
	fs.ref.notStatement = fn.IsLambda // a lambda's body is an expression
	fs.stmt(fn.Body)
	end := fn.EndLine
	if end == 0 {
		end = fs.line
	}
	fs.line, fs.col = end, 0
	fs.ref.statement(fn.EndLine) // the reference's function end
	fs.emit(runtime.Instr{Op: runtime.OpReturn})
	p.LineSpans = fs.ref.table()
	for i := range fs.locals {
		fs.finishLocal(&fs.locals[i])
	}
	c.finishCode(fs)
	return p
}

// newFuncState is a function's compiling state, made from a finished
// function's when there is one: its lists (locals, scopes, loops, the
// reference line table's entries and spans) keep their room, emptied.
func (c *compiler) newFuncState(parent *funcState, p *runtime.Proto, line int32) *funcState {
	n := len(c.states)
	if n == 0 {
		return &funcState{c: c, parent: parent, proto: p, line: line}
	}
	fs := c.states[n-1]
	c.states = c.states[:n-1]
	*fs = funcState{c: c, parent: parent, proto: p, line: line,
		locals: fs.locals[:0], scopes: fs.scopes[:0], loops: fs.loops[:0],
		ref: refLines{entries: fs.ref.entries[:0], spans: fs.ref.spans[:0]}}
	return fs
}

// giveBack keeps a finished function's state for the next function. The
// function's proto holds copies of what it needs (LineSpans, Locals).
func (c *compiler) giveBack(fs *funcState) {
	clear(fs.loops[:cap(fs.loops)]) // no stale pointers kept alive
	c.states = append(c.states, fs)
}

func (fs *funcState) emit(in runtime.Instr) int {
	fs.proto.Code = append(fs.proto.Code, in)
	fs.proto.Lines = append(fs.proto.Lines, fs.line)
	fs.proto.Cols = append(fs.proto.Cols, fs.col)
	pc := len(fs.proto.Code) - 1
	fs.ref.mark(pc)
	return pc
}

func (fs *funcState) pc() int { return len(fs.proto.Code) }

func (fs *funcState) setLine(n syntax.Node) {
	if p := n.Position(); p.Line > 0 {
		fs.line, fs.col = p.Line, p.Col
	}
}

func (fs *funcState) op(op runtime.Op, a, b, c int) int {
	return fs.emit(runtime.Instr{Op: op, A: uint16(a), B: uint16(b), C: uint16(c)})
}

func (fs *funcState) opBx(op runtime.Op, a int, bx uint32) int {
	return fs.emit(runtime.MakeBx(op, uint16(a), bx))
}

// jump emits a jump to be patched later.
func (fs *funcState) jump(op runtime.Op, a int) int { return fs.opBx(op, a, 0) }

// patch points the jump at pc j to the current position.
func (fs *funcState) patch(j int) { fs.patchTo(j, fs.pc()) }

func (fs *funcState) patchTo(j, target int) {
	in := fs.proto.Code[j]
	off := target - (j + 1)
	fs.proto.Code[j] = runtime.MakeBx(in.Op, in.A, uint32(int32(off)))
}

func (fs *funcState) jumpBack(target int) {
	fs.opBx(runtime.OpJmp, 0, uint32(int32(target-(fs.pc()+1))))
}

// ------------------------------------------------------------ registers

const maxRegisters = 60000

func (fs *funcState) allocReg() int {
	r := fs.freeReg
	fs.freeReg++
	if fs.freeReg > fs.proto.MaxStack {
		fs.proto.MaxStack = fs.freeReg
		if fs.freeReg > maxRegisters {
			fs.c.errorf(syntax.Pos{Line: fs.line}, "too many local variables or temporaries")
		}
	}
	return r
}

func (fs *funcState) allocRegs(n int) int {
	r := fs.freeReg
	for i := 0; i < n; i++ {
		fs.allocReg()
	}
	return r
}

func (fs *funcState) declareLocal(name string) int {
	r := fs.allocReg()
	fs.bindLocal(name, r)
	return r
}

// maxLocalSlots is the reference compiler's stack size per function:
// `this`, the parameters, vargv and the live locals share 256 slots.
const maxLocalSlots = 256

// bindLocal names an already allocated register (the top one). Locals
// take consecutive registers, so a local's register is the number of
// slots below it, as in the reference compiler; its temporaries are not
// counted, so a function it rejects only for temporaries compiles here.
func (fs *funcState) bindLocal(name string, reg int) {
	if reg >= maxLocalSlots {
		fs.c.errorf(syntax.Pos{Line: fs.line, Col: fs.col}, "internal compiler error: too many locals")
	}
	fs.locals = append(fs.locals, local{name: name, reg: reg, startPC: fs.pc()})
}

func (fs *funcState) finishLocal(l *local) {
	fs.proto.Locals = append(fs.proto.Locals, runtime.LocalInfo{Name: l.name, Reg: l.reg, StartPC: l.startPC, EndPC: fs.pc()})
}

func (fs *funcState) openScope() {
	fs.scopes = append(fs.scopes, scope{firstLocal: len(fs.locals), firstReg: fs.freeReg})
}

// closeScope ends the innermost scope, closing captured locals.
func (fs *funcState) closeScope() {
	s := fs.scopes[len(fs.scopes)-1]
	fs.scopes = fs.scopes[:len(fs.scopes)-1]
	if fs.capturedFrom(s.firstLocal) {
		fs.op(runtime.OpClose, s.firstReg, 0, 0)
	}
	for i := s.firstLocal; i < len(fs.locals); i++ {
		fs.finishLocal(&fs.locals[i])
	}
	fs.locals = fs.locals[:s.firstLocal]
	fs.freeReg = s.firstReg
}

func (fs *funcState) capturedFrom(firstLocal int) bool {
	for i := firstLocal; i < len(fs.locals); i++ {
		if fs.locals[i].captured {
			return true
		}
	}
	return false
}

// capturedAbove reports whether any active local at or above reg is captured.
func (fs *funcState) capturedAbove(reg int) bool {
	for i := len(fs.locals) - 1; i >= 0; i-- {
		if fs.locals[i].reg >= reg && fs.locals[i].captured {
			return true
		}
	}
	return false
}

// ------------------------------------------------------------ constants

func (fs *funcState) constIndex(v runtime.Value) int {
	k := constKey{typ: v.Type(), n: v.Bits()}
	if v.Type() == runtime.TString {
		k.s = v.Str()
		// One *String per distinct text in a compilation, so that keys
		// compare by pointer at run time.
		v = runtime.StrObj(fs.c.str(k.s))
	}
	if i, ok := fs.findConst(k); ok {
		return i
	}
	fs.proto.Consts = append(fs.proto.Consts, v)
	fs.kkeys = append(fs.kkeys, k)
	i := len(fs.proto.Consts) - 1
	switch {
	case fs.kmap != nil:
		fs.kmap[k] = i
	case len(fs.kkeys) > linearConsts:
		fs.kmap = make(map[constKey]int, 2*len(fs.kkeys))
		for j, key := range fs.kkeys {
			fs.kmap[key] = j
		}
	}
	return i
}

// linearConsts is how many constants a function's constant keys are
// searched in order before they are indexed by a map: most functions have
// a few, and a map for each cost more than the search.
const linearConsts = 16

// findConst is the index of the constant with key k.
func (fs *funcState) findConst(k constKey) (int, bool) {
	if fs.kmap != nil {
		i, ok := fs.kmap[k]
		return i, ok
	}
	for i, key := range fs.kkeys {
		if key == k {
			return i, true
		}
	}
	return 0, false
}

func (fs *funcState) strConst(s string) int {
	return fs.constIndex(runtime.StrObj(fs.c.str(s)))
}

// loadConst loads a constant value into dst.
func (fs *funcState) loadConst(v runtime.Value, dst int) {
	switch v.Type() {
	case runtime.TNull:
		fs.op(runtime.OpLoadNull, dst, 1, 0)
	case runtime.TBool:
		b := 0
		if v.Bool() {
			b = 1
		}
		fs.op(runtime.OpLoadBool, dst, b, 0)
	case runtime.TInt:
		fs.opBx(runtime.OpLoadInt, dst, uint32(v.Int()))
	default:
		fs.opBx(runtime.OpLoadK, dst, uint32(fs.constIndex(v)))
	}
}

// ------------------------------------------------------------ name resolution

type varKind int

const (
	varLocal varKind = iota
	varOuter
	varConst
	varGlobal // this[name] with root fallback
)

type resolved struct {
	kind  varKind
	index int // register or outer index
	value runtime.Value
}

func (fs *funcState) findLocal(name string) int {
	for i := len(fs.locals) - 1; i >= 0; i-- {
		if fs.locals[i].name == name {
			return i
		}
	}
	return -1
}

// findOuter returns the outer index of name in fs, creating descriptors
// along the chain of enclosing functions; -1 if no enclosing local exists.
func (fs *funcState) findOuter(name string) int {
	if i, ok := fs.outerIdx[name]; ok {
		return i
	}
	if fs.parent == nil {
		return -1
	}
	desc := runtime.OuterDesc{Name: name}
	if li := fs.parent.findLocal(name); li >= 0 {
		fs.parent.locals[li].captured = true
		desc.FromLocal = true
		desc.Index = fs.parent.locals[li].reg
	} else {
		oi := fs.parent.findOuter(name)
		if oi < 0 {
			return -1
		}
		desc.Index = oi
	}
	fs.proto.Outers = append(fs.proto.Outers, desc)
	i := len(fs.proto.Outers) - 1
	if fs.outerIdx == nil {
		fs.outerIdx = map[string]int{}
	}
	fs.outerIdx[name] = i
	return i
}

func (fs *funcState) resolve(name string) resolved {
	if li := fs.findLocal(name); li >= 0 {
		return resolved{kind: varLocal, index: fs.locals[li].reg}
	}
	if oi := fs.findOuter(name); oi >= 0 {
		return resolved{kind: varOuter, index: oi}
	}
	if v, ok := fs.c.consts.values[name]; ok {
		return resolved{kind: varConst, value: v}
	}
	return resolved{kind: varGlobal}
}
