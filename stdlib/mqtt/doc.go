// Package mqtt is the agent's mqtt object: mqtt.createclient() and the
// mqttclient and mqttmessage objects it makes, with the QoS constants
// mqtt.AT_MOST_ONCE, AT_LEAST_ONCE and EXACTLY_ONCE.
//
// Where each member lives:
//
//	mqtt.go     Open, Options, the mqtt object and its constants
//	client.go   mqttclient: connect, disconnect, isconnected, onconnect,
//	            onconnectionlost, onmessage, subscribe, unsubscribe,
//	            createmessage
//	message.go  mqttmessage: sendasync
//
// The documented rules are kept: a client ID of 1 to 255 characters; a
// keepalive of 0 or 30 to 65535 seconds; one client connected at a time
// (connect() on a second throws) and connect() on a client that is
// connecting or disconnecting throws, on a connected one does nothing;
// subscribe, unsubscribe and sendasync throw on a client that is not
// connected; at most ten topics a subscription; messages of at most 256 KB.
// Callbacks run as events, with the root table as this.
//
// The network: impvm runs offline, and an MQTT broker is on the internet,
// so every connection attempt ends as a socket error would: the onconnect
// handler gets -1 (and the log notes once per broker that the run has no
// network). Connecting to a real broker (impvm test --http live) is not
// implemented: with a network, connect() fails the same way.
//
// Decisions where the documentation is silent: a URL whose scheme is not
// tcp:// or ssl:// fails to connect (-1) rather than throwing;
// disconnect() on a client that is not connected calls its callback; the
// texts of the errors thrown are impvm's own.
package mqtt
