package runtime

import (
	"fmt"
	"io"
)

// Disassemble writes a readable listing of p and its nested functions.
func Disassemble(w io.Writer, p *Proto) {
	fmt.Fprintf(w, "function %s (%s:%d) params=%d defaults=%d varargs=%v generator=%v registers=%d\n",
		p.DisplayName(), p.Source, p.Line, p.NumParams, p.NumDefaults, p.Varargs, p.IsGenerator, p.MaxStack)
	for i, k := range p.Consts {
		fmt.Fprintf(w, "  K%-4d %s %s\n", i, k.TypeName(), constText(k))
	}
	for i, o := range p.Outers {
		fmt.Fprintf(w, "  outer %d %s local=%v index=%d\n", i, o.Name, o.FromLocal, o.Index)
	}
	for pc, in := range p.Code {
		fmt.Fprintf(w, "  %4d [%4d] %-10s %d %d %d\n", pc, p.Lines[pc], in.Op, in.A, in.B, in.C)
	}
	for _, c := range p.Protos {
		fmt.Fprintln(w)
		Disassemble(w, c)
	}
}

func constText(v Value) string {
	if v.typ == TString {
		return fmt.Sprintf("%q", v.Str())
	}
	return valueText(v)
}
