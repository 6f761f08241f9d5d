package crypto

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509"
	"errors"
	"hash"
	"io"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/imp"
)

// Signature types of sign and verify, in value order from 1.
const (
	RSAPKCS1SHA256 = iota + 1
	ECDSAP256SHA256
)

var signatureConstants = runtime.Enum(RSAPKCS1SHA256, "RSASSA_PKCS1_SHA256", "ECDSA_P256_SHA256")

// MaxRandom is the most bytes random(n) gives in one call.
const MaxRandom = 1 << 16

// Options configure the crypto object.
type Options struct {
	// Random is the source of random(n) (and of ECDSA signatures).
	Random io.Reader
	// Agent adds sign and verify; Post runs their callbacks as events.
	Agent bool
	Post  func(fn func() error)
}

type module struct {
	opts Options
	vm   *runtime.VM
}

// The natives of crypto's members, shared by every VM (the agent's
// crypto also has agentSpecs); they find the VM's module under moduleKey.
var (
	deviceSpecs = []runtime.Spec{
		{Name: "sha256", Params: ".s|u", Fn: digest(sha256.New)},
		{Name: "hmacsha256", Params: ".s|us|u", Fn: mac(sha256.New)},
		{Name: "sha512", Params: ".s|u", Fn: digest(sha512.New)},
		{Name: "hmacsha512", Params: ".s|us|u", Fn: mac(sha512.New)},
		{Name: "equals", Params: ".s|us|u", Fn: equals},
		{Name: "random", Params: ".n", Fn: method((*module).random)},
	}
	agentSpecs = []runtime.Spec{
		{Name: "sign", Params: ".is|us|uc", Fn: method((*module).sign)},
		{Name: "verify", Params: ".is|us|us|uc", Fn: method((*module).verify)},
	}
	natives [2]runtime.SharedNatives
)

type moduleKey struct{}

func method(f func(*module, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.Method(moduleKey{}, f)
}

// Open installs crypto (and its constants) in vm's root table.
func Open(vm *runtime.VM, opts Options) {
	vm.SetLocal(moduleKey{}, &module{opts: opts, vm: vm})
	obj := runtime.NewTable(len(deviceSpecs) + len(agentSpecs))
	natives[0].Set(obj, deviceSpecs)
	if opts.Agent {
		natives[1].Set(obj, agentSpecs)
	}
	obj.SetConstants(signatureConstants)
	vm.Root().SetStr("crypto", imp.NewMeta(obj))
}

// bytesOf is the bytes of the string or blob arguments at idx, in order.
func bytesOf(args []runtime.Value, idx ...int) ([][]byte, error) {
	out := make([][]byte, len(idx))
	for j, i := range idx {
		b, err := base.StringOrBlob(args, i)
		if err != nil {
			return nil, err
		}
		out[j] = b
	}
	return out, nil
}

func digest(newHash func() hash.Hash) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		b, err := bytesOf(args, 1)
		if err != nil {
			return runtime.Null, err
		}
		h := newHash()
		h.Write(b[0])
		return base.NewBlobValue(vm, h.Sum(nil)), nil
	}
}

func mac(newHash func() hash.Hash) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		b, err := bytesOf(args, 1, 2)
		if err != nil {
			return runtime.Null, err
		}
		h := hmac.New(newHash, b[1])
		h.Write(b[0])
		return base.NewBlobValue(vm, h.Sum(nil)), nil
	}
}

// equals(a, b): same length and bytes, compared in constant time.
func equals(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b, err := bytesOf(args, 1, 2)
	if err != nil {
		return runtime.Null, err
	}
	return runtime.Bool(subtle.ConstantTimeCompare(b[0], b[1]) == 1), nil
}

// random(n): a blob of n random bytes.
func (m *module) random(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	n, _ := args[1].ToInt()
	if n < 0 || n > MaxRandom {
		return runtime.Null, runtime.Errorf("crypto.random: length %d out of range (0 to %d)", n, MaxRandom)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(m.opts.Random, b); err != nil {
		return runtime.Null, runtime.NewError("crypto.random: " + err.Error())
	}
	return base.NewBlobValue(vm, b), nil
}

// sign(type, data, key, callback(err, signature)).
func (m *module) sign(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b, err := bytesOf(args, 2, 3)
	if err != nil {
		return runtime.Null, err
	}
	typ, data, cb := args[1].Int(), b[0], args[4]
	key, err := x509PrivateKey(typ, b[1])
	if err != nil {
		return runtime.Null, err
	}
	sum := sha256.Sum256(data)
	var sig []byte
	switch k := key.(type) {
	case *rsa.PrivateKey:
		sig, err = rsa.SignPKCS1v15(nil, k, crypto.SHA256, sum[:])
	case *ecdsa.PrivateKey:
		sig, err = ecdsa.SignASN1(m.opts.Random, k, sum[:])
	}
	m.later(cb, err, func() runtime.Value { return base.NewBlobValue(vm, sig) })
	return runtime.Null, nil
}

// verify(type, data, signature, key, callback(err, verified)).
func (m *module) verify(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b, err := bytesOf(args, 2, 3, 4)
	if err != nil {
		return runtime.Null, err
	}
	typ, data, sig, cb := args[1].Int(), b[0], b[1], args[5]
	key, err := x509PublicKey(typ, b[2])
	if err != nil {
		return runtime.Null, err
	}
	sum := sha256.Sum256(data)
	ok := false
	switch k := key.(type) {
	case *rsa.PublicKey:
		ok = rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], sig) == nil
	case *ecdsa.PublicKey:
		ok = ecdsa.VerifyASN1(k, sum[:], sig)
	}
	m.later(cb, nil, func() runtime.Value { return runtime.Bool(ok) })
	return runtime.Null, nil
}

// later calls cb(err, result) as an event.
func (m *module) later(cb runtime.Value, err error, result func() runtime.Value) {
	held := m.vm.Hold(cb) // alive (weakrefs, bindenv) until it is called
	m.opts.Post(func() error {
		held.Release()
		root := runtime.TableValue(m.vm.Root())
		if err != nil {
			_, cerr := m.vm.Call(cb, root, runtime.Str(err.Error()), runtime.Null)
			return cerr
		}
		_, cerr := m.vm.Call(cb, root, runtime.Null, result())
		return cerr
	})
}

var errKeyType = errors.New("the key does not fit the signature type")

// x509PrivateKey parses a DER private key of the signature type.
func x509PrivateKey(typ int32, der []byte) (any, error) {
	var key any
	var err error
	if key, err = x509.ParsePKCS8PrivateKey(der); err != nil {
		if typ == RSAPKCS1SHA256 {
			key, err = x509.ParsePKCS1PrivateKey(der)
		} else {
			key, err = x509.ParseECPrivateKey(der)
		}
	}
	if err != nil {
		return nil, runtime.NewError("crypto.sign: invalid private key (want DER: PKCS#8, PKCS#1 or SEC 1)")
	}
	return checkKeyType(typ, key, "crypto.sign")
}

// x509PublicKey parses a DER public key of the signature type.
func x509PublicKey(typ int32, der []byte) (any, error) {
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil && typ == RSAPKCS1SHA256 {
		key, err = x509.ParsePKCS1PublicKey(der)
	}
	if err != nil {
		return nil, runtime.NewError("crypto.verify: invalid public key (want DER: PKIX or PKCS#1)")
	}
	return checkKeyType(typ, key, "crypto.verify")
}

func checkKeyType(typ int32, key any, fn string) (any, error) {
	if typ != RSAPKCS1SHA256 && typ != ECDSAP256SHA256 {
		return nil, runtime.Errorf("%s: unknown signature type %d", fn, typ)
	}
	switch key.(type) {
	case *rsa.PrivateKey, *rsa.PublicKey:
		if typ == RSAPKCS1SHA256 {
			return key, nil
		}
	case *ecdsa.PrivateKey, *ecdsa.PublicKey:
		if typ == ECDSAP256SHA256 {
			return key, nil
		}
	}
	return nil, runtime.NewError(fn + ": " + errKeyType.Error())
}
