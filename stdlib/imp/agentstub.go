package imp

import (
	"strconv"
	"strings"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

// AgentSendStub is agent.send on a device with no agent: it logs
// `agent.send("name", data) - no agent, not sent` with data written as a
// Squirrel literal (what serialization keeps of it) and returns 0.
//
// It is the one small function behind "no agent: log what would be
// sent"; the agent host calls it when a device has no agent link (see
// Agent.send) and may replace it without touching anything else.
func AgentSendStub(dev event.Device, name string, data runtime.Value) runtime.Value {
	var b strings.Builder
	b.Grow(128) // a small record's line in one allocation
	b.WriteString("agent.send(")
	b.WriteString(strconv.Quote(name))
	b.WriteString(", ")
	stubLiteral(&b, data)
	b.WriteString(") - no agent, not sent")
	dev.Log(event.TypeLog, b.String())
	return runtime.Int(0)
}

// stubSerializable reports whether a value survives agent.send: null, bool,
// numbers, strings, blobs, arrays and tables.
func stubSerializable(v runtime.Value) bool {
	switch v.Type() {
	case runtime.TNull, runtime.TBool, runtime.TInt, runtime.TFloat, runtime.TString,
		runtime.TArray, runtime.TTable:
		return true
	case runtime.TUserData:
		return v.UserData().TypeName == "blob"
	}
	return false
}

// stubLiteral writes v as a Squirrel literal; members that would not be
// serialized are left out, as agent.send drops them.
func stubLiteral(b *strings.Builder, v runtime.Value) {
	switch v.Type() {
	case runtime.TNull:
		b.WriteString("null")
	case runtime.TBool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case runtime.TInt:
		b.WriteString(strconv.Itoa(int(v.Int())))
	case runtime.TFloat:
		b.WriteString(runtime.FormatFloat(v.Float()))
	case runtime.TString:
		var q [64]byte
		b.Write(strconv.AppendQuote(q[:0], v.Str()))
	case runtime.TArray:
		stubArray(b, v.Array().Elems)
	case runtime.TTable:
		stubTable(b, v.Table())
	case runtime.TUserData:
		if l, ok := v.UserData().Data.(interface{ Len() int }); ok {
			b.WriteString("blob(" + strconv.Itoa(l.Len()) + ")")
			return
		}
		b.WriteString("null")
	default:
		b.WriteString("null")
	}
}

func stubArray(b *strings.Builder, elems []runtime.Value) {
	b.WriteString("[")
	n := 0
	for _, e := range elems {
		if !stubSerializable(e) {
			continue
		}
		if n > 0 {
			b.WriteString(", ")
		}
		stubLiteral(b, e)
		n++
	}
	b.WriteString("]")
}

// stubTable writes a table's string-keyed members in iteration order
// (the imp's order, so logs are stable).
func stubTable(b *strings.Builder, t *runtime.Table) {
	b.WriteString("{")
	n := 0
	for k, v, i, ok := t.Next(0); ok; k, v, i, ok = t.Next(i) {
		if k.Type() != runtime.TString || !stubSerializable(v) {
			continue
		}
		if n > 0 {
			b.WriteString(",")
		}
		b.WriteByte(' ')
		b.WriteString(stubKey(k.Str()))
		b.WriteString(" = ")
		stubLiteral(b, v)
		n++
	}
	if n > 0 {
		b.WriteString(" ")
	}
	b.WriteString("}")
}

// stubKey writes a table key as a literal does: bare when it is an
// identifier, else ["key"].
func stubKey(k string) string {
	for i, c := range k {
		if c != '_' && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && (i == 0 || c < '0' || c > '9') {
			return "[" + strconv.Quote(k) + "]"
		}
	}
	if k == "" {
		return `[""]`
	}
	return k
}
