package syncio

import (
	"bytes"
	"io"
	"sync"
)

// Writer serialises writes to W.
type Writer struct {
	mu sync.Mutex
	W  io.Writer
}

func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.W.Write(p)
}

// Buffer is a bytes.Buffer safe for concurrent Write and String.
type Buffer struct {
	w Writer
	b bytes.Buffer
}

// NewBuffer makes an empty Buffer.
func NewBuffer() *Buffer {
	b := &Buffer{}
	b.w.W = &b.b
	return b
}

func (b *Buffer) Write(p []byte) (int, error) { return b.w.Write(p) }

// String is what has been written so far.
func (b *Buffer) String() string {
	b.w.mu.Lock()
	defer b.w.mu.Unlock()
	return b.b.String()
}

// Take returns what has been written since the last Take and empties
// the buffer.
func (b *Buffer) Take() []byte {
	b.w.mu.Lock()
	defer b.w.mu.Unlock()
	out := bytes.Clone(b.b.Bytes())
	b.b.Reset()
	return out
}
