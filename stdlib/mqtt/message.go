package mqtt

import (
	"unicode/utf8"

	"github.com/impvm/impvm/runtime"
)

// message is the payload of an mqttmessage: what createmessage checked
// is not kept, as no message is ever sent (see doc.go).
type message struct {
	client *client
}

func (m *Module) messageMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "sendasync", Params: ".*c|o", Fn: runtime.HostMethod("mqttmessage", (*message).sendAsync)},
	}
}

// createmessage(topic, message[, options]): a message to publish later;
// the client need not be connected.
func (c *client) createMessage(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	topic, ok := textBytes(args[1])
	if !ok || !utf8.Valid(topic) {
		return runtime.Null, runtime.NewError("mqttclient.createmessage: the topic must be a string or blob of valid UTF-8")
	}
	body, ok := textBytes(args[2])
	if !ok {
		return runtime.Null, runtime.NewError("mqttclient.createmessage: the message must be a string or a blob")
	}
	if len(body) > maxMessage {
		return runtime.Null, runtime.Errorf("mqttclient.createmessage: the message is %d bytes, over the %d-byte limit", len(body), maxMessage)
	}
	if len(args) > 3 && args[3].Type() == runtime.TTable {
		if err := checkMessageOptions(args[3].Table()); err != nil {
			return runtime.Null, err
		}
	}
	msg := &message{client: c}
	return runtime.UserDataValue(runtime.NewUserData("mqttmessage", c.m.msgDel, msg)), nil
}

// checkMessageOptions checks the qos and retain options.
func checkMessageOptions(t *runtime.Table) error {
	if v, ok := t.Get(runtime.Str("qos")); ok && !v.IsNull() {
		if v.Type() != runtime.TInt || v.Int() < AtMostOnce || v.Int() > ExactlyOnce {
			return runtime.NewError("mqttclient.createmessage: qos must be mqtt.AT_MOST_ONCE, AT_LEAST_ONCE or EXACTLY_ONCE")
		}
	}
	if v, ok := t.Get(runtime.Str("retain")); ok && !v.IsNull() {
		if v.Type() != runtime.TBool {
			return runtime.NewError("mqttclient.createmessage: retain must be a bool")
		}
	}
	return nil
}

// sendasync([callback]) publishes the message: it throws when the client
// is not connected, which without a network it never is (see doc.go).
func (msg *message) sendAsync(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Null, notConnected("mqttmessage.sendasync")
}
