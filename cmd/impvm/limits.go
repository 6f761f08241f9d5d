package main

import (
	"fmt"
	"strconv"
	"strings"
)

// defaultMaxMemory is the heap of a plain script (--max-memory): generous,
// but far below what would take the machine down.
const defaultMaxMemory = 256 << 20

// byteSize is a flag holding a size in bytes, written as a number with an
// optional K, M or G suffix (powers of 1024; a trailing B is allowed).
type byteSize int64

func (b *byteSize) String() string {
	if *b == 0 {
		return "0"
	}
	return strconv.FormatInt(int64(*b), 10)
}

func (b *byteSize) Type() string { return "size" }

func (b *byteSize) Set(s string) error {
	n, err := parseByteSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

// parseByteSize reads "600000", "256K", "1M", "2GB".
func parseByteSize(s string) (int64, error) {
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B")
	mult := int64(1)
	if t != "" {
		switch t[len(t)-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		}
		if mult != 1 {
			t = t[:len(t)-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q: want a positive size such as 600000, 256K or 1G", s)
	}
	return n * mult, nil
}
