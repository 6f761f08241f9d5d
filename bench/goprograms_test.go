package bench

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The plain-Go versions of the programs: the same work with the same
// 32-bit integer and float types, written as a Go programmer would (maps
// for tables, structs for classes, error values for exceptions). Each
// returns what its Squirrel program prints.
var goPrograms = map[string]func() string{
	"fib":         goFibProgram,
	"loop":        goLoop,
	"table":       goTable,
	"array":       goArray,
	"strcat":      goStrcat,
	"method":      goMethod,
	"trycatch":    goTryCatch,
	"closures":    goClosures,
	"nbody":       goNBody,
	"encoder":     goEncoder,
	"classes":     goClasses,
	"sort":        goSort,
	"generators":  goGenerators,
	"strings":     goStrings,
	"foreach":     goForeach,
	"json":        goJSON,
	"blob":        goBlob,
	"regexp":      goRegexp,
	"chain":       goChain,
	"wakeup":      goWakeup,
	"records":     goRecords,
	"metamethods": goMetamethods,
	"bits":        goBits,
	"calls":       goCalls,
	"tableops":    goTableOps,
	"strsort":     goStrSort,
	"typeof":      goTypeof,
	"callbacks":   goCallbacks,
}

func goFib(n int32) int32 {
	if n < 2 {
		return n
	}
	return goFib(n-1) + goFib(n-2)
}

func goFibProgram() string { return fmt.Sprintf("fib(27) = %d\n", goFib(27)) }

func goLoop() string {
	var sum int32
	for i := int32(0); i < 10000000; i++ {
		sum += i & 7
	}
	return fmt.Sprintf("sum %d\n", sum)
}

func goTable() string {
	t := map[string]int32{}
	for i := 0; i < 100000; i++ {
		t["k"+strconv.Itoa(i)] = int32(i)
	}
	var sum int32
	for i := 0; i < 100000; i++ {
		sum = (sum + t["k"+strconv.Itoa(i)]) % 1000003
	}
	return fmt.Sprintf("sum %d len %d\n", sum, len(t))
}

func goArray() string {
	a := make([]int32, 1000000)
	for i := range a {
		a[i] = int32(i) & 1023
	}
	var sum int32
	for _, v := range a {
		sum += v
	}
	return fmt.Sprintf("sum %d\n", sum)
}

func goStrcat() string {
	var s strings.Builder
	for i := 0; i < 100000; i++ {
		s.WriteString("x")
	}
	return fmt.Sprintf("length %d\n", s.Len())
}

type counter struct{ n int32 }

//go:noinline
func (c *counter) inc(d int32) int32 { c.n += d; return c.n }

func goMethod() string {
	c := &counter{}
	for i := 0; i < 1000000; i++ {
		c.inc(1)
	}
	return fmt.Sprintf("count %d\n", c.n)
}

type badValue struct{ v int32 }

func (e *badValue) Error() string { return "bad " + strconv.Itoa(int(e.v)) }

func goCheck(v int32) (int32, error) {
	if v%3 == 0 {
		return 0, &badValue{v}
	}
	return v, nil
}

func goLevel2(v int32) (int32, error) {
	r, err := goCheck(v)
	if err != nil {
		return 0, err
	}
	return r + 1, nil
}

func goLevel1(v int32) (int32, error) {
	r, err := goLevel2(v)
	if err != nil {
		return 0, err
	}
	return r * 2, nil
}

var errNoSlot = errors.New("the index does not exist")

func goParse(t map[string]int32, k string) (int32, error) {
	v, ok := t[k]
	if !ok {
		return 0, errNoSlot
	}
	return v, nil
}

func goTryCatch() string {
	var caught, sum, missing, rethrown int32
	t := map[string]int32{"a": 1, "b": 2}
	for i := int32(0); i < 100000; i++ {
		if r, err := goLevel1(i); err != nil {
			caught++
		} else {
			sum = (sum + r) % 1000003
		}
		inner := func() (int32, bool) {
			if i%5 == 0 {
				return i + 1, true
			}
			return 0, false
		}
		if e, thrown := inner(); thrown {
			rethrown += e % 7
		}
		k := "c"
		if i&1 != 0 {
			k = "a"
		}
		if v, err := goParse(t, k); err != nil {
			missing++
		} else {
			sum += v
		}
	}
	return fmt.Sprintf("caught %d sum %d missing %d rethrown %d\n", caught, sum, missing, rethrown)
}

func goMakeCounter(start int32) (inc func(int32) int32, get func() int32) {
	n := start
	return func(d int32) int32 { n += d; return n }, func() int32 { return n }
}

func goMakeAdder(k int32) func(int32) int32 { return func(x int32) int32 { return x + k } }

//go:noinline
func goCall(f func(int32) int32, x int32) int32 { return f(x) }

func goClosures() string {
	var total int32
	for i := int32(0); i < 20000; i++ {
		inc, get := goMakeCounter(i)
		inc(1)
		inc(2)
		total += get() & 255
		add := goMakeAdder(i & 15)
		total += goCall(add, 1)
	}
	var acc int32
	step := func(x int32) int32 { acc += x; return acc & 1023 }
	var s int32
	for i := int32(0); i < 500000; i++ {
		s += goCall(step, i&7)
	}
	var fns []func() int32
	for i := int32(0); i < 1000; i++ {
		j := i
		fns = append(fns, func() int32 { return j * 2 })
	}
	var fs int32
	for r := 0; r < 100; r++ {
		for _, f := range fns {
			fs += f()
		}
	}
	return fmt.Sprintf("total %d acc %d s %d fs %d\n", total, acc, s, fs)
}

type body struct{ x, y, z, vx, vy, vz, mass float32 }

func sqrt32(f float32) float32 { return float32(math.Sqrt(float64(f))) }

func goNBody() string {
	const pi float32 = 3.14159265
	solarMass := 4 * pi * pi
	const days float32 = 365.24
	bodies := []*body{
		{0, 0, 0, 0, 0, 0, solarMass},
		{4.84143144, -1.16032004, -0.103622044, 0.00166007664 * days, 0.00769901118 * days, -0.0000690460016 * days, 0.000954791938 * solarMass},
		{8.34336671, 4.12479856, -0.403523417, -0.00276742510 * days, 0.00499852801 * days, 0.0000230417297 * days, 0.000285885980 * solarMass},
		{12.8943695, -15.1111514, -0.223307578, 0.00296460137 * days, 0.00237847173 * days, -0.0000296589568 * days, 0.0000436624404 * solarMass},
		{15.3796971, -25.9193146, 0.179258772, 0.00268067772 * days, 0.00162824170 * days, -0.0000951592254 * days, 0.0000515138902 * solarMass},
	}
	energy := func() float32 {
		var e float32
		for i, b := range bodies {
			e += 0.5 * b.mass * (b.vx*b.vx + b.vy*b.vy + b.vz*b.vz)
			for _, b2 := range bodies[i+1:] {
				dx, dy, dz := b.x-b2.x, b.y-b2.y, b.z-b2.z
				e -= b.mass * b2.mass / sqrt32(dx*dx+dy*dy+dz*dz)
			}
		}
		return e
	}
	out := fmt.Sprintf("%.6f\n", energy())
	const dt float32 = 0.01
	for s := 0; s < 20000; s++ {
		for i, b := range bodies {
			for _, b2 := range bodies[i+1:] {
				dx, dy, dz := b.x-b2.x, b.y-b2.y, b.z-b2.z
				d2 := dx*dx + dy*dy + dz*dz
				mag := dt / (d2 * sqrt32(d2))
				b.vx -= dx * b2.mass * mag
				b.vy -= dy * b2.mass * mag
				b.vz -= dz * b2.mass * mag
				b2.vx += dx * b.mass * mag
				b2.vy += dy * b.mass * mag
				b2.vz += dz * b.mass * mag
			}
		}
		for _, b := range bodies {
			b.x += dt * b.vx
			b.y += dt * b.vy
			b.z += dt * b.vz
		}
	}
	return out + fmt.Sprintf("%.6f\n", energy())
}

// goEncode is the recursive encoder over Go's dynamic values.
func goEncode(v any) string {
	switch v := v.(type) {
	case int32:
		return strconv.Itoa(int(v))
	case float32:
		return fmt.Sprintf("%.2f", v)
	case bool:
		if v {
			return "true"
		}
		return "false"
	case nil:
		return "null"
	case string:
		return "\"" + v + "\""
	case []any:
		s := "["
		for i, x := range v {
			if i > 0 {
				s += ","
			}
			s += goEncode(x)
		}
		return s + "]"
	case map[string]any:
		s, first := "{", true
		for k, x := range v {
			if !first {
				s += ","
			}
			first = false
			s += "\"" + k + "\":" + goEncode(x)
		}
		return s + "}"
	}
	return "?"
}

func goEncoder() string {
	var length, sum int32
	for i := int32(0); i < 6000; i++ {
		rec := map[string]any{
			"id": i, "name": "sensor" + strconv.Itoa(int(i%17)), "ok": i%3 != 0,
			"temp": float32(i%50) * 0.5, "tags": []any{"a", "b", i % 7},
			"pos": map[string]any{"x": i % 10, "y": i % 13, "fix": nil},
		}
		s := goEncode(rec)
		length += int32(len(s))
		for j := 0; j < len(s); j++ {
			sum = (sum + int32(s[j])) % 1000003
		}
	}
	return fmt.Sprintf("length %d checksum %d\n", length, sum)
}

type shape interface {
	area() int32
	describe() int32
}

type shapeBase struct {
	name  string
	sides int32
	self  shape
}

func (s *shapeBase) describe() int32 { return s.sides*10 + s.self.area() }

type rect struct {
	shapeBase
	w, h int32
}

func newRect(w, h int32) *rect {
	r := &rect{shapeBase: shapeBase{name: "rect", sides: 4}, w: w, h: h}
	r.self = r
	return r
}
func (r *rect) area() int32     { return r.w * r.h }
func (r *rect) describe() int32 { return r.shapeBase.describe() + 1 }

type square struct{ rect }

func newSquare(s int32) *square {
	q := &square{rect{shapeBase: shapeBase{name: "rect", sides: 4}, w: s, h: s}}
	q.name = "square"
	q.self = q
	return q
}
func (q *square) describe() int32 { return q.rect.describe() + 2 }

type tri struct {
	shapeBase
	b, h int32
}

func newTri(b, h int32) *tri {
	t := &tri{shapeBase: shapeBase{name: "tri", sides: 3}, b: b, h: h}
	t.self = t
	return t
}
func (t *tri) area() int32 { return t.b * t.h / 2 }

func goClasses() string {
	var total, rects, squares, tris int32
	for i := int32(0); i < 60000; i++ {
		var s shape
		switch i % 3 {
		case 0:
			s = newRect(i&15, 3)
		case 1:
			s = newSquare(i & 7)
		default:
			s = newTri(i&31, 4)
		}
		total += s.describe()
		switch s.(type) {
		case *rect:
			rects++
		case *square:
			rects++
			squares++
		case *tri:
			tris++
		}
	}
	return fmt.Sprintf("total %d rects %d squares %d tris %d\n", total, rects, squares, tris)
}

func goSort() string {
	seed := int32(12345)
	rnd := func() int32 { seed = (seed*75 + 74) % 65537; return seed }
	type entry struct{ key, idx int32 }
	var sum int32
	for r := 0; r < 6; r++ {
		a := make([]entry, 0)
		for i := int32(0); i < 10000; i++ {
			a = append(a, entry{rnd(), i})
		}
		sort.Slice(a, func(i, j int) bool { return a[i].key < a[j].key })
		for i, e := range a {
			if i%1000 == 0 {
				sum = (sum + e.key) % 1000003
			}
		}
		b := make([]int32, 0)
		for i := 0; i < 10000; i++ {
			b = append(b, rnd()%1000)
		}
		sort.Slice(b, func(i, j int) bool { return b[i] > b[j] })
		sum = (sum + b[0] + b[9999] + b[5000]) % 1000003
	}
	return fmt.Sprintf("checksum %d\n", sum)
}

func goGenerators() string {
	rangeSeq := func(n int32) func(func(int32) bool) {
		return func(yield func(int32) bool) {
			for i := int32(0); i < n; i++ {
				if !yield(i) {
					return
				}
			}
		}
	}
	evens := func(g func(func(int32) bool)) func(func(int32) bool) {
		return func(yield func(int32) bool) {
			for v := range g {
				if v%2 == 0 && !yield(v) {
					return
				}
			}
		}
	}
	var sum int32
	for r := 0; r < 20; r++ {
		for v := range evens(rangeSeq(10000)) {
			sum += v & 15
		}
	}
	a, b := int32(0), int32(1)
	next := func() int32 { v := a; a, b = b, (a+b)&0xffff; return v }
	var f int32
	for i := 0; i < 100000; i++ {
		f = (f + next()) & 0xfffff
	}
	return fmt.Sprintf("sum %d f %d\n", sum, f)
}

func goStrings() string {
	var total, found, parts int32
	words := []string{"alpha", "Beta", "gamma", "DELTA", "epsilon"}
	isSep := func(r rune) bool { return r == '-' || r == ':' || r == ';' }
	for i := int32(0); i < 20000; i++ {
		w := words[i%5]
		s := fmt.Sprintf("%s-%04d:%x;%5.2f", w, i, i*3, float32(i%100)/8.0)
		total += int32(len(s))
		if strings.Contains(s, "a-") {
			found++
		}
		u, l := strings.ToUpper(s), strings.ToLower(s)
		if u[:3] == strings.ToUpper(l[:3]) {
			total++
		}
		num, _ := strconv.Atoi(s[len(w)+1 : len(w)+5])
		total += int32(num) & 7
		parts += int32(len(strings.FieldsFunc(s, isSep)))
		if w < "beta" {
			total += 2
		}
	}
	return fmt.Sprintf("total %d found %d parts %d\n", total, found, parts)
}

func goForeach() string {
	t := map[string]int32{}
	for i := 0; i < 1000; i++ {
		t["key"+strconv.Itoa(i)] = int32(i)
	}
	var a []int32
	for i := int32(0); i < 1000; i++ {
		a = append(a, i*2)
	}
	var sum, ks int32
	for r := 0; r < 300; r++ {
		for k, v := range t {
			sum += v
			ks += int32(len(k))
		}
		for i, v := range a {
			sum += int32(i) ^ v
		}
		for _, v := range a {
			sum += v & 3
		}
	}
	return fmt.Sprintf("sum %d ks %d\n", sum, ks)
}

func goJSONEncode(v any) string {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, "\""+k+"\":"+goJSONEncode(v[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		s := "["
		for i, x := range v {
			if i > 0 {
				s += ","
			}
			s += goJSONEncode(x)
		}
		return s + "]"
	case string:
		return "\"" + v + "\""
	case int32:
		return strconv.Itoa(int(v))
	case float32:
		return fmt.Sprintf("%.2f", v)
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return "null"
}

type jsonDecoder struct {
	s string
	i int
}

func (d *jsonDecoder) value() any {
	switch d.s[d.i] {
	case '{':
		return d.object()
	case '[':
		return d.list()
	case '"':
		return d.str()
	case 't':
		d.i += 4
		return true
	case 'f':
		d.i += 5
		return false
	case 'n':
		d.i += 4
		return nil
	}
	return d.number()
}

func (d *jsonDecoder) object() any {
	t := map[string]any{}
	d.i++
	if d.s[d.i] == '}' {
		d.i++
		return t
	}
	for {
		k := d.str()
		d.i++
		t[k] = d.value()
		c := d.s[d.i]
		d.i++
		if c == '}' {
			return t
		}
	}
}

func (d *jsonDecoder) list() any {
	var a []any
	d.i++
	if d.s[d.i] == ']' {
		d.i++
		return a
	}
	for {
		a = append(a, d.value())
		c := d.s[d.i]
		d.i++
		if c == ']' {
			return a
		}
	}
}

func (d *jsonDecoder) str() string {
	d.i++
	start := d.i
	for d.s[d.i] != '"' {
		d.i++
	}
	d.i++
	return d.s[start : d.i-1]
}

func (d *jsonDecoder) number() any {
	start, isFloat := d.i, false
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c == '.' {
			isFloat = true
		} else if c != '-' && (c < '0' || c > '9') {
			break
		}
		d.i++
	}
	t := d.s[start:d.i]
	if isFloat {
		f, _ := strconv.ParseFloat(t, 32)
		return float32(f)
	}
	n, _ := strconv.Atoi(t)
	return int32(n)
}

func goJSON() string {
	var total, length int32
	out := ""
	for n := int32(0); n < 3000; n++ {
		rec := map[string]any{
			"id": n, "device": "node" + strconv.Itoa(int(n%40)), "battery": float32(n%100) * 0.25,
			"ok": n%4 != 0, "readings": []any{n % 11, n % 13, n % 17, -(n % 5)},
			"loc": map[string]any{"room": "r" + strconv.Itoa(int(n%9)), "floor": n % 3},
		}
		s := goJSONEncode(rec)
		length += int32(len(s))
		d := &jsonDecoder{s: s}
		back := d.value().(map[string]any)
		ok := int32(0)
		if back["ok"].(bool) {
			ok = 1
		}
		total += back["id"].(int32) + back["readings"].([]any)[1].(int32) +
			back["loc"].(map[string]any)["floor"].(int32) + ok + int32(back["battery"].(float32)*4)
		if goJSONEncode(back) != s {
			out += "round trip differs: " + s + "\n"
		}
	}
	return out + fmt.Sprintf("length %d total %d\n", length, total)
}

func goBlob() string {
	var sum int32
	for r := int32(0); r < 300; r++ {
		var b []byte
		for i := int32(0); i < 200; i++ {
			b = append(b, byte(i&0xff))
			w := uint16((i * 37) & 0xffff)
			b = append(b, byte(w), byte(w>>8))
			x := uint32(i*1000 + r)
			b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
		}
		pos := 0
		for pos < len(b) {
			t := int32(b[pos])
			v := int32(uint16(b[pos+1]) | uint16(b[pos+2])<<8)
			x := int32(uint32(b[pos+3]) | uint32(b[pos+4])<<8 | uint32(b[pos+5])<<16 | uint32(b[pos+6])<<24)
			pos += 7
			sum = (sum + t + v + (x & 0xfff)) % 1000003
		}
		sum = (sum + int32(pos) + int32(len(b))) % 1000003
	}
	return fmt.Sprintf("checksum %d\n", sum)
}

func goRegexp() string {
	lineRe := regexp.MustCompile(`^(\w+)=(\d+)$`)
	numRe := regexp.MustCompile(`\d+`)
	hexRe := regexp.MustCompile(`^[0-9a-f]+$`)
	var matched, sum, hex int32
	for i := 0; i < 20000; i++ {
		line := "temp" + strconv.Itoa(i%7) + "=" + strconv.Itoa(i%1000)
		if lineRe.MatchString(line) {
			matched++
		}
		if caps := lineRe.FindStringSubmatchIndex(line); caps != nil {
			n, _ := strconv.Atoi(line[caps[4]:caps[5]])
			sum += int32(n)
		}
		if m := numRe.FindStringIndex("value is " + strconv.Itoa(i) + " units"); m != nil {
			sum += int32(m[1] - m[0])
		}
		if hexRe.MatchString(strconv.FormatInt(int64(i), 16)) {
			hex++
		}
	}
	return fmt.Sprintf("matched %d sum %d hex %d\n", matched, sum, hex)
}

type vec struct{ x, y int32 }

//go:noinline
func (v *vec) add(o *vec) *vec { v.x += o.x; v.y += o.y; return v }

//go:noinline
func (v *vec) scale(k int32) *vec { v.x *= k; v.y *= k; return v }

//go:noinline
func (v *vec) neg() *vec { v.x, v.y = -v.x, -v.y; return v }

//go:noinline
func (v *vec) sum() int32 { return v.x + v.y }

type node struct {
	next *node
	v    *vec
}

//go:noinline
func (n *node) getNext() *node { return n.next }

//go:noinline
func (n *node) getV() *vec { return n.v }

func goChain() string {
	var head *node
	for i := int32(0); i < 8; i++ {
		head = &node{head, &vec{i, i + 1}}
	}
	var total int32
	one := &vec{1, 1}
	for i := int32(0); i < 40000; i++ {
		v := &vec{i & 7, 3}
		total += v.add(one).scale(2).neg().add(one).scale(3).sum()
		total += head.getNext().getNext().getNext().getNext().getV().sum()
	}
	a := make([]int32, 0)
	for i := int32(0); i < 1000; i++ {
		a = append(a, i)
	}
	for r := int32(0); r < 40; r++ {
		mapped := make([]int32, len(a))
		for i, x := range a {
			mapped[i] = x * 3
		}
		var odd []int32
		for _, x := range mapped {
			if x&1 != 0 {
				odd = append(odd, x)
			}
		}
		acc := odd[0]
		for _, x := range odd[1:] {
			acc += x
		}
		total += acc & 0xffff
		b := append([]int32(nil), a...)
		for i := range b {
			b[i] += r
		}
		total += b[len(b)-1]
	}
	return fmt.Sprintf("total %d\n", total)
}

// goWakeup runs the timer chain on a minimal virtual-time event queue:
// callbacks due at a virtual instant, run in order.
func goWakeup() string {
	type timer struct {
		at int64
		fn func()
	}
	var queue []timer
	var now int64
	wakeup := func(ms int64, fn func()) { queue = append(queue, timer{now + ms, fn}) }
	var count, sum int32
	out := ""
	var tick func(n int32)
	tick = func(n int32) {
		sum = (sum + n*7 + (count & 15)) % 1000003
		count++
		if count < 100000 {
			wakeup(1, func() { tick(n + 1) })
		} else {
			out = fmt.Sprintf("ticks %d sum %d\n", count, sum)
		}
	}
	wakeup(0, func() { tick(0) })
	for len(queue) > 0 {
		next := 0
		for i := range queue {
			if queue[i].at < queue[next].at {
				next = i
			}
		}
		t := queue[next]
		queue = append(queue[:next], queue[next+1:]...)
		now = t.at
		t.fn()
	}
	return out
}

func goRecords() string {
	names := []string{"temp", "humid", "press", "light", "volt"}
	type record struct {
		id, value int32
		kind      string
		ok        bool
	}
	type summary struct{ n, total, max int32 }
	recs := make([]*record, 0)
	for i := int32(0); i < 40000; i++ {
		recs = append(recs, &record{id: i, kind: names[i%5], value: (i * 37) % 1000, ok: i%7 != 0})
	}
	sums := map[string]*summary{}
	for _, r := range recs {
		if !r.ok {
			continue
		}
		s := sums[r.kind]
		if s == nil {
			s = &summary{max: -1}
			sums[r.kind] = s
		}
		s.n++
		s.total += r.value
		if r.value > s.max {
			s.max = r.value
		}
		r.value *= 2
	}
	sort.Slice(recs, func(i, j int) bool {
		if recs[i].value != recs[j].value {
			return recs[i].value < recs[j].value
		}
		return recs[i].id < recs[j].id
	})
	var out strings.Builder
	for _, k := range names {
		s := sums[k]
		fmt.Fprintf(&out, "%s %d %d %d\n", k, s.n, s.total, s.max)
	}
	fmt.Fprintf(&out, "first %d last %d\n", recs[0].id, recs[len(recs)-1].id)
	return out.String()
}

// metaPoint is metamethods.nut's Point: fields, a property map its _get
// and _set reach, and the operators its metamethods define.
type metaPoint struct {
	x, y  int32
	props map[string]int32
}

func newMetaPoint(x, y int32) *metaPoint { return &metaPoint{x: x, y: y, props: map[string]int32{}} }

func (p *metaPoint) add(o *metaPoint) *metaPoint { return newMetaPoint(p.x+o.x, p.y+o.y) }
func (p *metaPoint) less(o *metaPoint) bool      { return p.x+p.y < o.x+o.y }
func (p *metaPoint) String() string              { return fmt.Sprintf("(%d,%d)", p.x, p.y) }

func goMetamethods() string {
	acc := newMetaPoint(0, 0)
	var total int32
	for i := int32(0); i < 100000; i++ {
		p := newMetaPoint(i%13, i%7)
		p.props["tag"] = i
		total += p.props["tag"]
		acc = acc.add(p)
		if p.less(acc) {
			total++
		}
		total += p.x*p.x + p.y*p.y
		if i&255 == 0 {
			total += int32(len(p.String()))
		}
		total &= 0xFFFFFFF
	}
	return fmt.Sprintf("total %d acc %s\n", total, acc)
}

func goBits() string {
	var tab [256]int32
	for n := int32(0); n < 256; n++ {
		c := n << 8
		for k := 0; k < 8; k++ {
			if c&0x8000 != 0 {
				c = ((c << 1) ^ 0x1021) & 0xFFFF
			} else {
				c = (c << 1) & 0xFFFF
			}
		}
		tab[n] = c
	}
	crc := int32(0xFFFF)
	var pop, mix int32
	for i := int32(0); i < 400000; i++ {
		b := (i*7 + (i >> 3)) & 0xFF
		crc = ((crc << 8) & 0xFFFF) ^ tab[((crc>>8)^b)&0xFF]
		v := (i ^ (i << 5)) & 0x3FFFFFFF
		v = v - ((v >> 1) & 0x15555555)
		v = (v & 0x33333333) + ((v >> 2) & 0x33333333)
		v = (v + (v >> 4)) & 0x0F0F0F0F
		pop += (v & 0xFF) + ((v >> 8) & 0xFF) + ((v >> 16) & 0xFF) + (v >> 24)
		mix = (((mix << 3) | (mix >> 21)) & 0xFFFFFF) ^ (((i & 0xFFFF) * 20011) & 0xFFFFFF) ^ (^i & 0x5A5A5A)
	}
	return fmt.Sprintf("crc %04x pop %d mix %06x\n", crc, pop, mix)
}

func goCalls() string {
	def := func(a int32, rest ...int32) int32 {
		b, c := int32(2), int32(3)
		if len(rest) > 0 {
			b = rest[0]
		}
		if len(rest) > 1 {
			c = rest[1]
		}
		return a + b*c
	}
	va := func(a int32, vargv ...int32) int32 {
		s := a
		for _, v := range vargv {
			s += v
		}
		return s + int32(len(vargv))
	}
	type env struct{ k int32 }
	obj, bound := &env{5}, &env{100}
	f := func(this *env, x int32) int32 { return this.k + x }
	var total int32
	for i := int32(0); i < 100000; i++ {
		total += def(i) + def(i, 1) + def(i, 1, 1)
		total += va(i) + va(i, 1, 2, 3)
		total += f(obj, i&7) + f(bound, 1)
		params := []int32{2, 2, 2}
		total += def(1, 1) + def(params[0], params[1:]...)
		total &= 0xFFFFFF
	}
	return fmt.Sprintf("total %d\n", total)
}

func goTableOps() string {
	t := map[string]int32{}
	keys := make([]string, 200)
	for i := range keys {
		keys[i] = "k" + strconv.Itoa(i)
	}
	var hits int32
	for r := int32(0); r < 3000; r++ {
		for _, k := range keys {
			t[k] = r
		}
		for i, k := range keys {
			if _, ok := t[k]; ok {
				hits++
			}
			if _, ok := t[k]; ok {
				hits++
			}
			hits += t[k] & 1
			t[k] = int32(i)
			if i&1 == 1 {
				delete(t, k)
			}
		}
		hits += int32(len(t))
	}
	return fmt.Sprintf("%d\n", hits)
}

func goStrSort() string {
	names := make([]string, 0, 2000)
	seed := int32(12345)
	for range 2000 {
		seed = (seed*1103515245 + 12345) & 0x7fffffff
		names = append(names, fmt.Sprintf("sensor-%d-%d", seed%997, seed&0xff))
	}
	type rec struct {
		name string
		v    int32
	}
	var n int32
	for r := range 25 {
		a := slices.Clone(names)
		sort.Strings(a)
		n += int32(len(a[0]) + len(a[len(a)-1]))
		recs := make([]*rec, len(names))
		for i, s := range names {
			recs[i] = &rec{s, int32(len(s))}
		}
		sort.Slice(recs, func(i, j int) bool { return recs[i].name < recs[j].name })
		n += recs[r].v
	}
	var hb strings.Builder
	for i := range 200 {
		hb.WriteByte("abcdefghij"[i%10])
	}
	head := hb.String()
	a, b, c := head+"x", head+"x", head+"y"
	var eq, lt int32
	for range 300000 {
		if a == b {
			eq++
		}
		if a == c {
			eq += 10
		}
		if a < c {
			lt++
		}
		if c > b {
			lt++
		}
	}
	return fmt.Sprintf("%d %d %d\n", n, eq, lt)
}

// typeofA and typeofB are typeof.nut's classes A and B extends A.
type typeofA struct{ x int32 }
type typeofB struct {
	typeofA
	y int32
}

func goTypeof() string {
	vals := []any{int32(1), float32(2.0), "s", []int32{1, 2}, map[string]int32{"a": 1, "b": 2}, nil, true,
		&typeofA{1}, &typeofB{typeofA{1}, 2}, func() int32 { return 1 }}
	var n, cl int32
	for range 100000 {
		for _, v := range vals {
			switch x := v.(type) {
			case int32:
				n++
			case string:
				n += 2
			case *typeofB:
				n += 3
			case *typeofA:
				n += 4
			case map[string]int32:
				cl += int32(len(maps.Clone(x)))
			case []int32:
				cl += int32(len(slices.Clone(x)))
			case float32:
				n += 5
			}
		}
	}
	return fmt.Sprintf("%d %d\n", n, cl)
}

func goMapInts(a []int32, f func(int32) int32) []int32 {
	out := make([]int32, len(a))
	for i, v := range a {
		out[i] = f(v)
	}
	return out
}

func goFilterInts(a []int32, keep func(int32, int32) bool) []int32 {
	var out []int32
	for i, v := range a {
		if keep(int32(i), v) {
			out = append(out, v)
		}
	}
	return out
}

func goReduceInts(a []int32, f func(int32, int32) int32) int32 {
	acc := a[0]
	for _, v := range a[1:] {
		acc = f(acc, v)
	}
	return acc
}

func goCallbacks() string {
	seed := int32(7)
	rnd := func() int32 { seed = (seed*1103 + 12345) % 65521; return seed }
	var data []int32
	for range 1500 {
		data = append(data, rnd()%1000)
	}
	k, total := int32(3), int32(0)
	for r := int32(0); r < 400; r++ {
		squares := goMapInts(data, func(v int32) int32 { return v * v % 9973 })
		picked := goFilterInts(squares, func(i, v int32) bool { return (v+i+r)%2 == 1 })
		total = (total + goReduceInts(picked, func(acc, v int32) int32 { return (acc + v) % 1000003 })) % 1000003
		for i, v := range data {
			data[i] = (v*k + r) % 1000
		}
		if r%20 == 0 {
			s := slices.Clone(data[:400])
			sort.Slice(s, func(i, j int) bool { return s[i] > s[j] })
			total = (total + s[0] + s[399]*7 + int32(len(picked))) % 1000003
		}
	}
	return fmt.Sprintf("total %d\n", total)
}
