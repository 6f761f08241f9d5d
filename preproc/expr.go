package preproc

import (
	"errors"
	"fmt"
	"math"
)

// maxExprDepth bounds expression nesting so hostile input cannot exhaust
// the stack.
const maxExprDepth = 100

// expr is a parsed Builder expression.
type expr interface {
	eval(env *evalEnv) (value, error)
}

// evalEnv supplies variables to an evaluation and records the undefined
// variables it read (they evaluate to null, as in Builder).
type evalEnv struct {
	lookup    func(name string) (value, bool)
	include   func(path string) (string, error) // include(); nil where it cannot run
	undefined []string
}

type (
	literalExpr  struct{ v value }
	variableExpr struct{ name string }
	unaryExpr    struct {
		op      string
		operand expr
	}
	binaryExpr struct {
		op          string
		left, right expr
	}
	conditionalExpr struct{ test, then, otherwise expr }
	callExpr        struct {
		name string
		args []expr
	}
)

// parseExpr parses a complete expression; a trailing ";" (Builder parses
// directive expressions as JavaScript, which skips it) and a trailing "//"
// comment are ignored.
func parseExpr(src string) (expr, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.conditional()
	if err != nil {
		return nil, err
	}
	p.acceptOp(";")
	if p.peek().kind != tokEnd {
		return nil, p.unexpected()
	}
	return e, nil
}

// evalString parses and evaluates src.
func evalString(src string, env *evalEnv) (value, error) {
	e, err := parseExpr(src)
	if err != nil {
		return nullValue, err
	}
	return e.eval(env)
}

type parser struct {
	toks  []token
	pos   int
	depth int
}

func (p *parser) peek() token { return p.toks[p.pos] }

// acceptOp consumes the next token if it is one of ops.
func (p *parser) acceptOp(ops ...string) (string, bool) {
	t := p.peek()
	if t.kind != tokOp {
		return "", false
	}
	for _, op := range ops {
		if t.text == op {
			p.pos++
			return op, true
		}
	}
	return "", false
}

func (p *parser) expectOp(op string) error {
	if _, ok := p.acceptOp(op); !ok {
		return p.unexpected()
	}
	return nil
}

func (p *parser) unexpected() error {
	t := p.peek()
	switch t.kind {
	case tokEnd:
		return errors.New("unexpected end of expression")
	case tokString:
		return fmt.Errorf("unexpected string %q", t.text)
	}
	return fmt.Errorf("unexpected %q", t.text)
}

func (p *parser) conditional() (expr, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxExprDepth {
		return nil, errors.New("expression nested too deeply")
	}
	test, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if _, ok := p.acceptOp("?"); !ok {
		return test, nil
	}
	then, err := p.conditional()
	if err != nil {
		return nil, err
	}
	if err := p.expectOp(":"); err != nil {
		return nil, err
	}
	otherwise, err := p.conditional()
	if err != nil {
		return nil, err
	}
	return conditionalExpr{test, then, otherwise}, nil
}

// binaryLevels lists the binary operators from the loosest to the tightest
// (JavaScript's precedence; "|" is Builder's filter operator).
var binaryLevels = [][]string{
	{"||"}, {"&&"}, {"|"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"+", "-"}, {"*", "/", "%"},
}

func (p *parser) binary(level int) (expr, error) {
	if level == len(binaryLevels) {
		return p.unary()
	}
	left, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		op, ok := p.acceptOp(binaryLevels[level]...)
		if !ok {
			return left, nil
		}
		if op == "|" {
			if left, err = p.filter(left); err != nil {
				return nil, err
			}
			continue
		}
		right, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		left = binaryExpr{op, left, right}
	}
}

func (p *parser) unary() (expr, error) {
	op, ok := p.acceptOp("!", "-", "+")
	if !ok {
		return p.postfix()
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxExprDepth {
		return nil, errors.New("expression nested too deeply")
	}
	operand, err := p.unary()
	if err != nil {
		return nil, err
	}
	return unaryExpr{op, operand}, nil
}

func (p *parser) postfix() (expr, error) {
	e, err := p.primary()
	if err != nil {
		return nil, err
	}
	if op, ok := p.acceptOp(".", "["); ok {
		return nil, fmt.Errorf("member expressions (%q) are not supported", op)
	}
	return e, nil
}

func (p *parser) primary() (expr, error) {
	t := p.peek()
	if t.kind == tokEnd || t.kind == tokOp && t.text != "(" {
		return nil, p.unexpected()
	}
	p.pos++
	switch t.kind {
	case tokNumber:
		return literalExpr{numberValue(t.num)}, nil
	case tokString:
		return literalExpr{stringValue(t.text)}, nil
	case tokIdent:
		return p.identifier(t.text)
	}
	return p.parenthesized()
}

func (p *parser) parenthesized() (expr, error) {
	e, err := p.conditional()
	if err != nil {
		return nil, err
	}
	return e, p.expectOp(")")
}

func (p *parser) identifier(name string) (expr, error) {
	switch name {
	case "true":
		return literalExpr{boolValue(true)}, nil
	case "false":
		return literalExpr{boolValue(false)}, nil
	case "null":
		return literalExpr{nullValue}, nil
	}
	if _, ok := p.acceptOp("("); !ok {
		return variableExpr{name}, nil
	}
	args, err := p.arguments()
	if err != nil {
		return nil, err
	}
	return newCall(name, args)
}

// filter parses the right side of "value | name" or "value | name(args)":
// Builder's filter operator, the call name(value, args...).
func (p *parser) filter(value expr) (expr, error) {
	t := p.peek()
	if t.kind != tokIdent {
		return nil, errors.New("a filter (|) must name a function")
	}
	p.pos++
	args := []expr{value}
	if _, ok := p.acceptOp("("); ok {
		more, err := p.arguments()
		if err != nil {
			return nil, err
		}
		args = append(args, more...)
	}
	return newCall(t.text, args)
}

func (p *parser) arguments() ([]expr, error) {
	var args []expr
	if _, ok := p.acceptOp(")"); ok {
		return args, nil
	}
	for {
		arg, err := p.conditional()
		if err != nil {
			return nil, err
		}
		args = append(args, arg)
		if _, ok := p.acceptOp(")"); ok {
			return args, nil
		}
		if err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
}

// newCall checks a call of one of the supported functions.
func newCall(name string, args []expr) (expr, error) {
	switch name {
	case "defined":
		if len(args) != 1 {
			return nil, errors.New("defined() takes one variable name")
		}
		if _, ok := args[0].(variableExpr); !ok {
			return nil, errors.New("defined() takes a variable name")
		}
	case "min", "max", "abs", "include", "escape", "base64":
		if len(args) == 0 {
			return nil, fmt.Errorf("wrong number of arguments for %s()", name)
		}
	default:
		return nil, fmt.Errorf("function %q is not supported", name)
	}
	return callExpr{name, args}, nil
}

func (e literalExpr) eval(*evalEnv) (value, error) { return e.v, nil }

func (e variableExpr) eval(env *evalEnv) (value, error) {
	if v, ok := env.lookup(e.name); ok {
		return v, nil
	}
	env.undefined = append(env.undefined, e.name)
	return nullValue, nil
}

func (e unaryExpr) eval(env *evalEnv) (value, error) {
	v, err := e.operand.eval(env)
	if err != nil {
		return v, err
	}
	switch e.op {
	case "!":
		return boolValue(!v.truthy()), nil
	case "-":
		return numberValue(-v.number()), nil
	}
	return v, nil // unary + returns its operand unchanged, as in Builder
}

func (e conditionalExpr) eval(env *evalEnv) (value, error) {
	test, err := e.test.eval(env)
	if err != nil {
		return test, err
	}
	if test.truthy() {
		return e.then.eval(env)
	}
	return e.otherwise.eval(env)
}

func (e binaryExpr) eval(env *evalEnv) (value, error) {
	left, err := e.left.eval(env)
	if err != nil {
		return left, err
	}
	if e.op == "||" && left.truthy() || e.op == "&&" && !left.truthy() {
		return left, nil
	}
	right, err := e.right.eval(env)
	if err != nil {
		return right, err
	}
	return applyBinary(e.op, left, right)
}

func applyBinary(op string, a, b value) (value, error) {
	switch op {
	case "||", "&&":
		return b, nil
	case "==":
		return boolValue(looseEqual(a, b)), nil
	case "!=":
		return boolValue(!looseEqual(a, b)), nil
	case "<", ">", "<=", ">=":
		return boolValue(compare(op, a, b)), nil
	case "+":
		if a.kind == kindString || b.kind == kindString {
			x, y := a.String(), b.String()
			if err := checkLength(len(x) + len(y)); err != nil {
				return nullValue, err
			}
			return stringValue(x + y), nil
		}
	}
	return arithmetic(op, a, b)
}

// checkLength refuses a string value of n bytes longer than the whole
// output may be: an expression that doubles a variable line after line
// (@set X X + X) would otherwise grow it until memory runs out.
func checkLength(n int) error {
	if n > maxOutputBytes {
		return fmt.Errorf("a string of more than %d bytes", maxOutputBytes)
	}
	return nil
}

func arithmetic(op string, a, b value) (value, error) {
	x, y := a.number(), b.number()
	switch op {
	case "+":
		return numberValue(x + y), nil
	case "-":
		return numberValue(x - y), nil
	case "*":
		return numberValue(x * y), nil
	}
	if b.kind == kindNumber && b.n == 0 {
		return nullValue, errors.New("division by zero")
	}
	if op == "/" {
		return numberValue(x / y), nil
	}
	return numberValue(math.Mod(x, y)), nil
}

func (e callExpr) eval(env *evalEnv) (value, error) {
	switch e.name {
	case "defined":
		_, ok := env.lookup(e.args[0].(variableExpr).name)
		return boolValue(ok), nil
	case "include", "escape", "base64":
		v, err := e.args[0].eval(env)
		if err != nil {
			return v, err
		}
		return stringFunction(e.name, v, env)
	}
	nums := make([]float64, len(e.args))
	for i, arg := range e.args {
		v, err := arg.eval(env)
		if err != nil {
			return v, err
		}
		nums[i] = v.number()
	}
	return numberValue(numericFunction(e.name, nums)), nil
}

// numericFunction is JavaScript's Math.min, Math.max or Math.abs.
func numericFunction(name string, nums []float64) float64 {
	if name == "abs" {
		return math.Abs(nums[0])
	}
	result := nums[0]
	for _, n := range nums[1:] {
		switch {
		case math.IsNaN(n) || math.IsNaN(result):
			result = math.NaN()
		case name == "min":
			result = math.Min(result, n)
		default:
			result = math.Max(result, n)
		}
	}
	return result
}
