// Package web is where an agent's outbound HTTP requests (http.get,
// http.post, ... in stdlib/agent) go: the real web through Go's net/http
// (Live), a cassette file being written (Recorder) or read back with no
// network (Replayer), or nowhere (Offline, the default of virtual-time
// runs and impvm test).
//
// A Client turns a Request into a Response; failures are Responses too,
// with the imp's statuscode below 100 (libcurl's error numbers, which the
// impCloud reports): 1 unsupported protocol, 3 malformed URL, 6 host not
// found, 7 connection refused, 18 body cut short, 28 timed out, 35 TLS
// handshake failed, 52 empty reply, 56 receive error, 60 certificate not
// trusted, 63 response over the size limit.
//
// Decisions where the imp documentation is silent: redirects are not
// followed (libcurl's default; the 3xx answer and its location header
// reach Squirrel); response bodies over MaxResponseBody end the request
// with statuscode 63 and the first MaxResponseBody bytes.
//
// The cassette (cassette.go) is a readable JSON file: one interaction
// per request, in the order the requests were made, with header values
// that look secret masked. Replay matches method, URL and body, taking
// the first unused interaction that fits.
package web
