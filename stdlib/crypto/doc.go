// Package crypto is the imp's crypto object, on the device and the agent:
// sha256(data) and hmacsha256(data, key) (blobs of 32 bytes), sha512 and
// hmacsha512 (64 bytes), equals(a, b) (a comparison in constant time of
// two strings or blobs), random(n) (a blob of n random bytes), and on the
// agent sign(type, data, key, callback) and verify(type, data, signature,
// key, callback) with RSASSA_PKCS1_SHA256 (an RSA key as DER: PKCS#8 or
// PKCS#1 private, PKIX or PKCS#1 public) and ECDSA_P256_SHA256 (PKCS#8,
// SEC 1 or PKIX DER keys; signatures ASN.1 DER). data is a string or a
// blob.
//
// Decisions where the imp documentation is silent: sign and verify call
// their callback as an event (err null and the signature blob, or the
// error text and null; verify passes true or false), never inside the
// call; a key that does not parse throws at the call. random draws from
// the run's seeded source in virtual time (runs stay byte-identical) and
// from the operating system in wall time. The agent's sign/verify rate
// limit is not modelled.
package crypto
