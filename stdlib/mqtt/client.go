package mqtt

import (
	"strings"
	"unicode/utf8"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// state is where a client is in its connection's life. Without a
// network no connection is ever made: connecting ends disconnected.
type state int

const (
	disconnected state = iota
	connecting
	disconnecting
)

// client is the payload of an mqttclient.
type client struct {
	m         *Module
	state     state
	onConnect runtime.Value
	onLost    runtime.Value
	onMessage runtime.Value
}

// Roots keeps the client's handlers alive with it.
func (c *client) Roots(visit func(runtime.Value)) {
	visit(c.onConnect)
	visit(c.onLost)
	visit(c.onMessage)
}

func (m *Module) clientMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "connect", Params: ".ss*t|o", Fn: runtime.HostMethod("mqttclient", (*client).connect)},
		{Name: "disconnect", Params: ".*c|o", Fn: runtime.HostMethod("mqttclient", (*client).disconnect)},
		{Name: "isconnected", Params: "_", Fn: runtime.HostMethod("mqttclient", (*client).isConnected)},
		{Name: "onconnect", Params: ".c|o", Fn: runtime.HostMethod("mqttclient", func(c *client, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			c.onConnect = args[1]
			return runtime.Null, nil
		})},
		{Name: "onconnectionlost", Params: ".c|o", Fn: runtime.HostMethod("mqttclient", func(c *client, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			c.onLost = args[1]
			return runtime.Null, nil
		})},
		{Name: "onmessage", Params: ".c|o", Fn: runtime.HostMethod("mqttclient", func(c *client, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			c.onMessage = args[1]
			return runtime.Null, nil
		})},
		{Name: "subscribe", Params: ".s|x|u|a*a|i|oc|o", Fn: runtime.HostMethod("mqttclient", (*client).subscribe)},
		{Name: "unsubscribe", Params: ".s|x|u|a*c|o", Fn: runtime.HostMethod("mqttclient", (*client).unsubscribe)},
		{Name: "createmessage", Params: ".s|x|u.*t|o", Fn: runtime.HostMethod("mqttclient", (*client).createMessage)},
	}
}

// connect(url, clientID[, options]) starts connecting; the onconnect
// handler gets the outcome.
func (c *client) connect(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	switch {
	case c.state != disconnected:
		return runtime.Null, runtime.NewError("mqttclient.connect: the client is not disconnected")
	case c.m.connected != nil && c.m.connected != c:
		return runtime.Null, runtime.NewError("mqttclient.connect: another mqttclient is connected; only one may be")
	}
	url, id := args[1].Str(), args[2].Str()
	if n := utf8.RuneCountInString(id); n < 1 || n > maxClientID {
		return runtime.Null, runtime.Errorf("mqttclient.connect: the client ID must be 1 to %d characters long", maxClientID)
	}
	if len(args) > 3 && args[3].Type() == runtime.TTable {
		if err := checkConnectOptions(vm, args[3].Table()); err != nil {
			return runtime.Null, err
		}
	}
	c.state = connecting
	c.m.connected = c
	if _, ok := brokerOf(url); ok {
		c.m.noteOffline(url)
	}
	c.m.later([]runtime.Value{args[0]}, func() error {
		if c.state != connecting {
			return nil
		}
		c.state = disconnected
		c.m.connected = nil
		return c.m.call(c.onConnect, runtime.Int(resultSocketError))
	})
	return runtime.Null, nil
}

// brokerOf is the host:port of a tcp:// or ssl:// broker URL.
func brokerOf(url string) (string, bool) {
	for _, scheme := range []string{"tcp://", "ssl://"} {
		if rest, ok := strings.CutPrefix(strings.ToLower(url), scheme); ok && rest != "" {
			return url[len(scheme):], true
		}
	}
	return "", false
}

// checkConnectOptions checks the documented option keys.
func checkConnectOptions(vm *runtime.VM, t *runtime.Table) error {
	for _, key := range []string{"username", "password", "willtopic", "willmessage"} {
		v, ok := t.Get(runtime.Str(key))
		if !ok || v.IsNull() {
			continue
		}
		b, ok := textBytes(v)
		if !ok {
			return runtime.Errorf("mqttclient.connect: option %s must be a string or a blob", key)
		}
		if key != "willmessage" && !utf8.Valid(b) {
			return runtime.Errorf("mqttclient.connect: option %s must be valid UTF-8", key)
		}
	}
	if v, ok := t.Get(runtime.Str("keepalive")); ok && !v.IsNull() {
		if v.Type() != runtime.TInt {
			return runtime.NewError("mqttclient.connect: option keepalive must be an integer")
		}
		if k := v.Int(); k != 0 && (k < minKeepalive || k > maxKeepalive) {
			return runtime.Errorf("mqttclient.connect: keepalive must be 0 or %d to %d seconds", minKeepalive, maxKeepalive)
		}
	}
	return nil
}

// textBytes are the bytes of a string or a blob.
func textBytes(v runtime.Value) ([]byte, bool) {
	if b, ok := base.BlobOf(v); ok {
		return b.Bytes(), true
	}
	if v.Type() == runtime.TString {
		return []byte(v.Str()), true
	}
	return nil, false
}

// disconnect([callback]) closes the connection; the callback (no
// parameters) runs once it is closed.
func (c *client) disconnect(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	done := runtime.Null
	if len(args) > 1 {
		done = args[1]
	}
	if c.state == connecting {
		c.state = disconnecting
	}
	c.m.later([]runtime.Value{args[0], done}, func() error {
		if c.state == disconnecting {
			c.state = disconnected
		}
		if c.m.connected == c && c.state == disconnected {
			c.m.connected = nil
		}
		return c.m.call(done)
	})
	return runtime.Null, nil
}

// isconnected(): false, as no connection is ever made (see doc.go).
func (c *client) isConnected(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.False, nil
}

// notConnected is the error of an operation that needs a connection, on a
// client that has none (every client: see doc.go).
func notConnected(op string) error {
	return runtime.Errorf("%s: the mqttclient is not connected", op)
}

// topics are the topic or topics of subscribe/unsubscribe, checked.
func topics(op string, v runtime.Value) ([][]byte, error) {
	var list []runtime.Value
	if v.Type() == runtime.TArray {
		list = v.Array().Elems
	} else {
		list = []runtime.Value{v}
	}
	if len(list) == 0 || len(list) > maxTopics {
		return nil, runtime.Errorf("%s: give 1 to %d topics", op, maxTopics)
	}
	out := make([][]byte, len(list))
	for i, t := range list {
		b, ok := textBytes(t)
		if !ok || !utf8.Valid(b) {
			return nil, runtime.Errorf("%s: a topic must be a string or blob of valid UTF-8", op)
		}
		out[i] = b
	}
	return out, nil
}

// subscribe(topics[, qos][, callback]): the topics are checked, then it
// throws for want of a connection.
func (c *client) subscribe(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if _, err := topics("mqttclient.subscribe", args[1]); err != nil {
		return runtime.Null, err
	}
	return runtime.Null, notConnected("mqttclient.subscribe")
}

// unsubscribe(topics[, callback]): as subscribe.
func (c *client) unsubscribe(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if _, err := topics("mqttclient.unsubscribe", args[1]); err != nil {
		return runtime.Null, err
	}
	return runtime.Null, notConnected("mqttclient.unsubscribe")
}
