package crypto

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// eval runs src with crypto (agent flavour) and the given blobs as
// globals, then the events it posted; it returns what was printed.
func eval(t *testing.T, src string, blobs map[string][]byte) string {
	t.Helper()
	var out bytes.Buffer
	vm := runtime.NewVM(runtime.Options{Stdout: &out})
	base.Open(vm, base.Options{})
	var events []func() error
	Open(vm, Options{Random: bytes.NewReader(bytes.Repeat([]byte{0xab}, 100)), Agent: true, Post: func(fn func() error) { events = append(events, fn) }})
	for k, v := range blobs {
		vm.Root().SetStr(k, base.NewBlobValue(vm, v))
	}
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = vm.Run(runtime.NewMainClosure(p))
	for err == nil && len(events) > 0 {
		fn := events[0]
		events = events[1:]
		err = fn()
	}
	if err != nil {
		out.WriteString("error: " + runtime.AsError(err).Message())
	}
	return out.String()
}

const hex = `function hex(b) { local s = ""; foreach (x in b) s += format("%02x", x); return s; }
`

func TestHashes(t *testing.T) {
	tests := []struct{ src, want string }{
		{`print(hex(crypto.sha256("abc")))`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{`print(hex(crypto.hmacsha256("The quick brown fox jumps over the lazy dog", "key")))`, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{`print(crypto.sha512("abc").len() + " " + crypto.hmacsha512(blob(3), "k").len())`, "64 64"},
		{`local b = blob(3); b.writestring("abc"); print(hex(crypto.sha256(b)) == hex(crypto.sha256("abc")))`, "true"},
		{`print(crypto.equals("abc", "abc") + " " + crypto.equals("abc", "abd") + " " + crypto.equals("ab", "abc"))`, "true false false"},
		{`print(hex(crypto.random(4)) + " " + crypto.random(0).len())`, "abababab 0"},
		{`crypto.random(-1)`, "error: crypto.random: length -1 out of range (0 to 65536)"},
	}
	for _, tc := range tests {
		if got := eval(t, hex+tc.src, nil); got != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

func TestSignVerify(t *testing.T) {
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rpriv, _ := x509.MarshalPKCS8PrivateKey(rk)
	rpub, _ := x509.MarshalPKIXPublicKey(&rk.PublicKey)
	epriv, _ := x509.MarshalPKCS8PrivateKey(ek)
	epub, _ := x509.MarshalPKIXPublicKey(&ek.PublicKey)
	blobs := map[string][]byte{"rpriv": rpriv, "rpub": rpub, "epriv": epriv, "epub": epub, "rpkcs1": x509.MarshalPKCS1PrivateKey(rk)}
	src := `
function check(name, typ, priv, pub) {
  crypto.sign(typ, "message", priv, function(err, sig) {
    print(name + " sign " + err + " " + typeof sig + "\n");
    crypto.verify(typ, "message", sig, pub, function(err, ok) { print(name + " verify " + err + " " + ok + "\n"); });
    crypto.verify(typ, "massage", sig, pub, function(err, ok) { print(name + " tampered " + ok + "\n"); });
  });
  print(name + " sign returned\n");
}
check("rsa", crypto.RSASSA_PKCS1_SHA256, rpriv, rpub);
check("rsa pkcs1", crypto.RSASSA_PKCS1_SHA256, rpkcs1, rpub);
check("ec", crypto.ECDSA_P256_SHA256, epriv, epub);
try { crypto.sign(crypto.ECDSA_P256_SHA256, "m", rpriv, function(e, s) {}); } catch (e) { print(e + "\n"); }
try { crypto.sign(crypto.RSASSA_PKCS1_SHA256, "m", "junk", function(e, s) {}); } catch (e) { print(e + "\n"); }
`
	want := "rsa sign returned\nrsa pkcs1 sign returned\nec sign returned\n" +
		"crypto.sign: the key does not fit the signature type\n" +
		"crypto.sign: invalid private key (want DER: PKCS#8, PKCS#1 or SEC 1)\n" +
		"rsa sign null blob\nrsa pkcs1 sign null blob\nec sign null blob\n" +
		"rsa verify null true\nrsa tampered false\nrsa pkcs1 verify null true\nrsa pkcs1 tampered false\nec verify null true\nec tampered false\n"
	if got := eval(t, src, blobs); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
