package compile

import "github.com/impvm/impvm/lang/syntax"

// vargvStaysLocal reports whether fn's vargv array can never be reached
// once the call that made it has returned: every use of the name in the
// function's own body reads or writes an element (vargv[i]), asks its
// length (vargv.len()) or is the array a foreach walks (an element
// called as vargv[i]() would get the array as this), and nothing declares
// another vargv or mentions it from a nested function or class.
// Such a call's vargv is recycled by the VM (Proto.VargvLocal) instead of
// being left to the garbage collector, as the reference's reference
// counting frees it at the return. A generator keeps its frame, so its
// vargv is never recycled.
func vargvStaysLocal(fn *syntax.Function) bool {
	if !fn.Varargs || fn.Yields {
		return false
	}
	for _, p := range fn.Params {
		if p.Name == "vargv" {
			return false
		}
	}
	names, safe, poisoned := 0, 0, false
	syntax.Inspect(fn.Body, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.LocalFunc:
			poisoned = poisoned || n.Name == "vargv" || mentionsVargv(n)
			return false
		case *syntax.FuncLit, *syntax.FuncDecl, *syntax.ClassLit, *syntax.ClassDecl:
			poisoned = poisoned || mentionsVargv(n)
			return false
		case *syntax.Ident:
			if n.Name == "vargv" {
				names++
			}
		case *syntax.Index:
			if isVargv(n.X) {
				safe++
			}
		case *syntax.Call:
			if m, ok := n.Fn.(*syntax.Member); ok && m.Name == "len" && len(n.Args) == 0 && isVargv(m.X) {
				safe++
			}
			if ix, ok := n.Fn.(*syntax.Index); ok && isVargv(ix.X) {
				poisoned = true
			}
		case *syntax.Foreach:
			if n.Key == "vargv" || n.Val == "vargv" {
				poisoned = true
			} else if isVargv(n.X) {
				safe++
			}
		case *syntax.Local:
			for _, d := range n.Decls {
				if d.Name == "vargv" {
					poisoned = true
				}
			}
		case *syntax.Try:
			if n.Var == "vargv" {
				poisoned = true
			}
		case *syntax.Const:
			if n.Name == "vargv" {
				poisoned = true
			}
		case *syntax.Enum:
			if n.Name == "vargv" {
				poisoned = true
			}
		}
		return true
	})
	return !poisoned && names == safe
}

func isVargv(x syntax.Expr) bool {
	id, ok := x.(*syntax.Ident)
	return ok && id.Name == "vargv"
}

// mentionsVargv reports whether the name vargv appears anywhere under n.
func mentionsVargv(n syntax.Node) bool {
	found := false
	syntax.Inspect(n, func(n syntax.Node) bool {
		if id, ok := n.(*syntax.Ident); ok && id.Name == "vargv" {
			found = true
		}
		return !found
	})
	return found
}
