package fifo

import "slices"

// Line is a queue kept in a slice: values are added at the back and taken
// from the front, and the spent front is reclaimed when a push finds half
// of the slice spent, so a line that never empties does not grow without
// bound. The zero Line is empty and ready.
type Line[T any] struct {
	s    []T
	head int // s[head:] are waiting
}

// Len is the number of values waiting.
func (l *Line[T]) Len() int { return len(l.s) - l.head }

// Waiting returns the waiting values, front first; it is valid until the
// line changes.
func (l *Line[T]) Waiting() []T { return l.s[l.head:] }

// Push adds v at the back.
func (l *Line[T]) Push(v T) {
	if l.head > 0 && 2*l.head >= len(l.s) { // half spent: move the rest to the front
		m := copy(l.s, l.s[l.head:])
		clear(l.s[m:])
		l.s, l.head = l.s[:m], 0
	}
	l.s = append(l.s, v)
}

// Pop takes the front value of a line that is not empty.
func (l *Line[T]) Pop() T {
	v := l.s[l.head]
	var zero T
	l.s[l.head] = zero // drop references for the GC
	l.head++
	l.reset()
	return v
}

// Insert puts v at index i of Waiting (0 the front, Len the back).
func (l *Line[T]) Insert(i int, v T) { l.s = slices.Insert(l.s, l.head+i, v) }

// Delete takes out the value at index i of Waiting.
func (l *Line[T]) Delete(i int) {
	l.s = slices.Delete(l.s, l.head+i, l.head+i+1)
	l.reset()
}

// reset starts an emptied line at the front of its slice again.
func (l *Line[T]) reset() {
	if l.head == len(l.s) {
		l.s, l.head = l.s[:0], 0
	}
}
