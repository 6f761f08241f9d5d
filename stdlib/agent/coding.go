package agent

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
	"net/url"
	"strings"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/msg"
)

// jsonencode(value[, {compact = bool}]).
func jsonEncode(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	var opts msg.JSONOptions
	if len(args) > 2 {
		if c, ok := args[2].Table().Get(runtime.Str("compact")); ok {
			opts.Compact = c.Truthy()
		}
	}
	s, err := msg.EncodeJSON(args[1], opts)
	return runtime.Str(s), err
}

// jsondecode(string).
func jsonDecode(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return msg.DecodeJSON(args[1].Str())
}

// urlencode(table): "k=v&k2=v2" in table order, values as tostring gives
// them.
func urlEncode(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	var parts []string
	err := eachStringSlot(vm, args[1].Table(), func(k, v string) {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
	})
	if err != nil {
		return runtime.Null, err
	}
	return runtime.Str(strings.Join(parts, "&")), nil
}

// eachStringSlot calls f with each of t's slots in table order, key and
// value as tostring gives them (urlencode's parameters, an outbound
// request's headers). It stops at the first error (a _tostring
// metamethod's).
func eachStringSlot(vm *runtime.VM, t *runtime.Table, f func(k, v string)) error {
	for i := 0; ; {
		k, v, next, ok := t.Next(i)
		if !ok {
			return nil
		}
		i = next
		ks, err := vm.ToString(k)
		if err != nil {
			return err
		}
		vs, err := vm.ToString(v)
		if err != nil {
			return err
		}
		f(ks, vs)
	}
}

// urldecode(string): a table of the parameters.
func urlDecode(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return pairsTable(parseQuery(args[1].Str())), nil
}

func base64Encode(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b, err := base.StringOrBlob(args, 1)
	if err != nil {
		return runtime.Null, err
	}
	return runtime.Str(base64.StdEncoding.EncodeToString(b)), nil
}

// base64decode(string): a blob. As on the impCloud it never throws:
// characters outside the base64 alphabet (either flavour) are skipped,
// decoding stops at the first '=', and a final group of two or three
// characters gives one or two bytes (a lone character is dropped).
func base64Decode(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return base.NewBlobValue(vm, lenientBase64(args[1].Str())), nil
}

// lenientBase64 decodes what it can of s.
func lenientBase64(s string) []byte {
	out := make([]byte, 0, len(s)*3/4)
	var acc uint32
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			break
		}
		v := base64Value(c)
		if v < 0 {
			continue
		}
		acc = acc<<6 | uint32(v)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}

// base64Value is the 6-bit value of a base64 character (standard or URL
// alphabet), or -1.
func base64Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+' || c == '-':
		return 62
	case c == '/' || c == '_':
		return 63
	}
	return -1
}

// hashMethods are http.hash: digests and HMACs of a string or blob, each
// returned as a blob.
func hashMethods() []runtime.Spec {
	digests := []struct {
		name string
		fn   func() hash.Hash
	}{{"md5", md5.New}, {"sha1", sha1.New}, {"sha256", sha256.New}, {"sha512", sha512.New}}
	var ms []runtime.Spec
	for _, d := range digests {
		ms = append(ms,
			runtime.Spec{Name: d.name, Params: ".s|u", Fn: digest(d.fn, false)},
			runtime.Spec{Name: "hmac" + d.name, Params: ".s|us|u", Fn: digest(d.fn, true)})
	}
	return ms
}

func digest(newHash func() hash.Hash, keyed bool) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		data, err := base.StringOrBlob(args, 1)
		if err != nil {
			return runtime.Null, err
		}
		h := newHash()
		if keyed {
			key, err := base.StringOrBlob(args, 2)
			if err != nil {
				return runtime.Null, err
			}
			h = hmac.New(newHash, key)
		}
		h.Write(data)
		return base.NewBlobValue(vm, h.Sum(nil)), nil
	}
}
