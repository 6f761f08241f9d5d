package msg

import "github.com/impvm/impvm/runtime"

// Handlers is one side's message handlers: one callback per message
// name; registering a name again replaces its callback, and null removes
// it.
type Handlers struct {
	byName map[string]runtime.Value
}

// On registers fn for name (null: remove).
func (h *Handlers) On(name string, fn runtime.Value) {
	if fn.IsNull() {
		delete(h.byName, name)
		return
	}
	if h.byName == nil {
		h.byName = map[string]runtime.Value{}
	}
	h.byName[name] = fn
}

// Visit reports every registered handler (they keep what they reference
// alive for weak references and bound environments).
func (h *Handlers) Visit(visit func(runtime.Value)) {
	for _, fn := range h.byName {
		visit(fn)
	}
}

// Deliver calls the handler of name in vm with the decoded data as its
// one argument (this is the root table). handled is false when no handler
// is registered: the message is dropped and the caller logs the warning.
func (h *Handlers) Deliver(vm *runtime.VM, name string, data []byte) (handled bool, err error) {
	fn, ok := h.byName[name]
	if !ok {
		return false, nil
	}
	v, err := Decode(vm, data)
	if err != nil {
		return true, err
	}
	_, err = vm.Call(fn, runtime.TableValue(vm.Root()), v)
	return true, err
}

// TooBig reports whether a message of this name and encoded data exceeds
// MaxSize.
func TooBig(name string, data []byte) bool { return len(name)+len(data) > MaxSize }

// SendWouldBlock is the code device.send and agent.send return for a
// message over MaxSize (SEND_ERROR_WOULDBLOCK).
const SendWouldBlock = 4

// Send is the common part of device.send and agent.send: data is encoded
// (EncodeMessage) and handed to deliver; a message over MaxSize is refused
// with SendWouldBlock instead.
func Send(name string, data runtime.Value, deliver func(encoded []byte) (runtime.Value, error)) (runtime.Value, error) {
	encoded, err := EncodeMessage(data)
	if err != nil {
		return runtime.Null, err
	}
	if TooBig(name, encoded) {
		return runtime.Int(SendWouldBlock), nil
	}
	return deliver(encoded)
}
