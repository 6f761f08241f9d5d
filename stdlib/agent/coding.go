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
	t := args[1].Table()
	for i := 0; ; {
		k, v, next, ok := t.Next(i)
		if !ok {
			break
		}
		i = next
		ks, err := vm.ToString(k)
		if err != nil {
			return runtime.Null, err
		}
		vs, err := vm.ToString(v)
		if err != nil {
			return runtime.Null, err
		}
		parts = append(parts, url.QueryEscape(ks)+"="+url.QueryEscape(vs))
	}
	return runtime.Str(strings.Join(parts, "&")), nil
}

// urldecode(string): a table of the parameters.
func urlDecode(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return pairsTable(parseQuery(args[1].Str())), nil
}

// stringOrBlob is the bytes of a string or blob argument.
func stringOrBlob(v runtime.Value) []byte {
	if b, ok := base.BlobOf(v); ok {
		return b.Bytes()
	}
	return []byte(v.Str())
}

func base64Encode(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Str(base64.StdEncoding.EncodeToString(stringOrBlob(args[1]))), nil
}

// base64decode(string): a blob.
func base64Decode(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	s := strings.TrimRight(args[1].Str(), "=")
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return runtime.Null, runtime.NewError("invalid base64 data")
	}
	return base.NewBlobValue(vm, b), nil
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
			runtime.Spec{Name: d.name, NParams: 2, Mask: ".s|u", Fn: digest(d.fn, false)},
			runtime.Spec{Name: "hmac" + d.name, NParams: 3, Mask: ".s|us|u", Fn: digest(d.fn, true)})
	}
	return ms
}

func digest(newHash func() hash.Hash, keyed bool) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		h := newHash()
		if keyed {
			h = hmac.New(newHash, stringOrBlob(args[2]))
		}
		h.Write(stringOrBlob(args[1]))
		return base.NewBlobValue(vm, h.Sum(nil)), nil
	}
}
