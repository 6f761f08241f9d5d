// Package fifo owns Line, the queue kept in one slice that the event loop
// (events of Loop.After in due order, a device's held events) and the
// virtual LAN (datagrams in flight in due order) take from the front while
// adding at the back.
package fifo
