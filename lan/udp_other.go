//go:build !linux

package lan

import "errors"

// OpenHost is only implemented on Linux.
func OpenHost(opts HostOptions) (*NIC, error) {
	return nil, errors.New("lan: the udp backend needs Linux")
}
