package lan

import "fmt"

// ErrKind classifies the errors impOS raises as Squirrel exceptions.
type ErrKind int

// Error kinds. The binding layer turns every *Error into a Squirrel
// exception with Error() as its message.
const (
	KindAddress  ErrKind = iota + 1 // malformed destination address
	KindNotLocal                    // destination not private/broadcast
	KindPort                        // destination port out of range
	KindReserved                    // destination port 67 or 68
	KindBindPort                    // local port outside 1024-65535
	KindInUse                       // local port already bound
	KindTooLong                     // payload over MaxPayload
	KindDataType                    // payload neither string nor blob
	KindClosed                      // socket (or interface) closed
	KindNoPort                      // no free ephemeral port
)

// Error is an impOS rule violation. Msg is the exact text a script sees.
type Error struct {
	Kind ErrKind
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

func errorf(k ErrKind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// Messages whose text does not depend on the call.
var (
	// ErrClosed is raised by any method of a closed udpsocket.
	ErrClosed = &Error{Kind: KindClosed, Msg: "udpsocket is closed"}
	// ErrNICClosed is raised by OpenUDP on a closed interface.
	ErrNICClosed = &Error{Kind: KindClosed, Msg: "interface is closed"}
	// ErrDataType is for the binding layer: send() data of another type.
	ErrDataType = &Error{Kind: KindDataType, Msg: "data must be a string or blob"}
	// ErrNoPort is raised when no ephemeral local port is free.
	ErrNoPort = &Error{Kind: KindNoPort, Msg: "no free local port"}
)

// KindOf returns the kind of an *Error, or 0 for any other error.
func KindOf(err error) ErrKind {
	if e, ok := err.(*Error); ok {
		return e.Kind
	}
	return 0
}
