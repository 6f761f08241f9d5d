// Package agent is the agent side of the imp API: the device object
// (messages to and from the paired device, connection callbacks), the
// http object (http.onrequest with httpresponse, JSON, URL and base64
// coding, http.hash, and outbound requests and streams, carried by a
// web.Client or, to the agent's own URL, by the agent itself), the
// agent's server object (log, error, save, load) and, via
// stdlib/imp, an imp object with named timers; Open also installs the
// mqtt object (stdlib/mqtt).
//
// Where each member lives:
//
//	agent.go     Open, Options, the Module of one agent run
//	device.go    the device object: send, on, onconnect, ondisconnect,
//	             isconnected, info
//	http.go      the http object's spec list: onrequest, agenturl,
//	             get/post/put/httpdelete/request, and the httpresponse
//	             (header, send)
//	coding.go    jsonencode/decode, urlencode/decode, base64encode/decode,
//	             http.hash (digests and hmac)
//	outbound.go  outbound requests: sendasync, sendsync, cancel,
//	             setvalidation
//	stream.go    http.poststream/putstream/requeststream and httpstream
//	             objects: send, closeasync, closesync, cancel,
//	             setvalidation
//	request.go   the request table an onrequest handler gets
//	listener.go  the Listener on 127.0.0.1 (listener_socket.go,
//	             listener_js.go: its transports)
//	server.go    the agent's server object: log, error, save, load,
//	             onshutdown
//
// Incoming HTTP requests come from a Listener on 127.0.0.1: each request
// is posted to the agent's event queue as a table (method, path, query,
// headers with lower-cased names, body) and an httpresponse whose send()
// may come later, from a timer or a message handler; the connection stays
// open until then, or until the listener's timeout (504). No
// x-forwarded-proto header is added. Requests to the agent's own URL made
// with http.get/post/request never touch a socket: they are delivered on
// the agent's queue, so library tests stay deterministic in virtual time.
package agent
