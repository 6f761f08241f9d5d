// Package server is the imp's server object: server.log and server.error
// (the device log), the connection calls (isconnected, connect,
// disconnect, onunexpecteddisconnect, setsendtimeoutpolicy, flush) and the
// calls that end a Squirrel run (restart, sleepfor, sleepuntil).
//
// Where each member lives:
//
//	server.go   Open, Conn, the policies and constants; log, error,
//	            isconnected, connect, disconnect, onunexpecteddisconnect,
//	            setsendtimeoutpolicy, flush, restart, sleepfor, sleepuntil
//	factory.go  factory BlinkUp: bless, factoryblinkup, show,
//	            expectonlinein, expectonlineat; BLINKUP_*
//	connectwith.go  connectwith (connect through a named interface),
//	            onshutdown and SHUTDOWN_*
//	link.go     Link and Outage: when the network reaches the impCloud
//
// The connection to the impCloud is a Conn that outlives Squirrel runs.
// Whether the network lets the device reach the cloud is a Link: a list of
// outages fixed when the run starts (impvm run --offline-at). The two
// send-timeout policies behave as impOS documents them:
//
//   - SUSPEND_ON_ERROR (the default): when the link drops, Squirrel stops
//     while impOS retries for 60 s; if the link is back by then the
//     device's delayed events run, otherwise it deep-sleeps for 9 minutes
//     and starts again (WAKEREASON_TIMER). After server.disconnect() or a
//     wake from deep sleep, the next server.log (or server.connect)
//     reconnects, blocking the same way.
//   - RETURN_ON_ERROR (and RETURN_ON_ERROR_NO_DISCONNECT): Squirrel keeps
//     running; server.log returns SEND_ERROR_NOT_CONNECTED and the
//     message is lost; impOS retries for 60 s and then calls the
//     server.onunexpecteddisconnect handler with NO_SERVER; only
//     server.connect reconnects, calling its callback with
//     SERVER_CONNECTED or, after its timeout, NO_SERVER.
//
// Connecting takes no time when the link is up. Status lines "Device
// connected" and "Device disconnected" are logged when the connection
// changes, as impCentral shows them.
package server
