package board

import (
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"
)

// Serial is a UART wired to the world outside impvm: bytes read from a
// file are sent to the imp (one line per burst, at the baud rate, from
// the start of the run), what the imp sends is appended to a file, and a
// TCP port on 127.0.0.1 (loopback only) bridges the UART to a real tool:
// bytes the client sends arrive at the imp as they come (wall time; in
// virtual time they arrive at the device's current time, so such runs
// are not byte-stable), and what the imp sends goes to the client.
type Serial struct {
	baud    int
	in      []byte // file input not yet sent
	started bool
	stream  rxStream
	out     *os.File
	ln      net.Listener
	mu      sync.Mutex
	conn    net.Conn
	netIn   []byte
	notify  func()
}

// NewSerial opens what p wires the UART to.
func NewSerial(p Part) (*Serial, error) {
	s := &Serial{baud: p.Baud}
	if s.baud <= 0 {
		s.baud = 9600
	}
	if p.InFile != "" {
		data, err := readInput(p.InFile)
		if err != nil {
			return nil, err
		}
		s.in = data
	}
	if p.OutFile != "" {
		f, err := os.Create(p.OutFile)
		if err != nil {
			return nil, err
		}
		s.out = f
	}
	if p.TCPPort != 0 {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p.TCPPort))
		if err != nil {
			return nil, err
		}
		s.ln = ln
		go s.accept()
	}
	return s, nil
}

// MaxSerialInput is the most a serial part's input file may hold: it is
// read whole at the start (64 MB: over 18 hours of a 9600-baud line).
const MaxSerialInput = 64 << 20

// readInput reads a serial input file whole; a file without end
// (/dev/zero, /dev/urandom) or over MaxSerialInput is an error, not a
// run that never starts.
func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSerialInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSerialInput {
		return nil, fmt.Errorf("%s: more than %d MB (an input file is read whole)", name, MaxSerialInput>>20)
	}
	return data, nil
}

func (s *Serial) Model() string { return "serial" }

// SetNotify is given a function that makes the imp look at the UART
// again (safe from any goroutine); TCP input calls it.
func (s *Serial) SetNotify(fn func()) {
	s.mu.Lock()
	s.notify = fn
	s.mu.Unlock()
}

func (s *Serial) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.conn != nil {
			s.conn.Close()
		}
		s.conn = c
		s.mu.Unlock()
		go s.readConn(c)
	}
}

func (s *Serial) readConn(c net.Conn) {
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.netIn = append(s.netIn, buf[:n]...)
			notify := s.notify
			s.mu.Unlock()
			if notify != nil {
				notify()
			}
		}
		if err != nil {
			return
		}
	}
}

func (s *Serial) Receive(_ time.Time, data []byte) {
	if s.out != nil {
		s.out.Write(data)
	}
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	if c != nil {
		c.Write(data)
	}
}

func (s *Serial) Pending(now time.Time) ([]byte, time.Time) {
	if !s.started {
		s.started = true
		start := now
		for len(s.in) > 0 {
			n := len(s.in)
			for i, b := range s.in {
				if b == '\n' {
					n = i + 1
					break
				}
			}
			start = s.stream.send(start, s.in[:n], Line8N1(s.baud).CharTime())
			s.in = s.in[n:]
		}
	}
	data, next := s.stream.Pending(now)
	s.mu.Lock()
	data = append(data, s.netIn...)
	s.netIn = nil
	s.mu.Unlock()
	return data, next
}

// Close closes the files and the port.
func (s *Serial) Close() error {
	if s.out != nil {
		s.out.Close()
	}
	if s.ln != nil {
		s.ln.Close()
	}
	s.mu.Lock()
	if s.conn != nil {
		s.conn.Close()
	}
	s.mu.Unlock()
	return nil
}

var _ io.Closer = (*Serial)(nil)
