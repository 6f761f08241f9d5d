package host

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/internal/source"
)

// baseName is the name a script gives its device: the file name without
// ".device.nut" (or ".nut").
func baseName(path string) string {
	b := filepath.Base(path)
	for _, ext := range []string{".device.nut", ".nut"} {
		if s, ok := strings.CutSuffix(b, ext); ok && s != "" {
			return s
		}
	}
	return b
}

// deviceNames names one device per script: its base name, or name-1,
// name-2, ... when several devices share a name.
func deviceNames(scripts []Script) []string {
	count := map[string]int{}
	for _, s := range scripts {
		count[baseName(s.Path)]++
	}
	seen := map[string]int{}
	names := make([]string, len(scripts))
	for i, s := range scripts {
		b := baseName(s.Path)
		names[i] = b
		if count[b] > 1 {
			seen[b]++
			names[i] = b + "-" + strconv.Itoa(seen[b])
		}
	}
	return names
}

// identity derives device index i's MAC address and device ID from the
// seed: Electric Imp's OUI 0c2a69 and 24 bits that differ for every device
// of a run; the device ID is the imp type's prefix ("600a" on an imp006,
// "3000" on an imp003: imptype.Type.DeviceIDPrefix) followed by the MAC, so
// that getdeviceid().slice(4) is the MAC as on an imp.
func identity(seed int64, i int, impType string) (id, mac string) {
	h := sha256.Sum256([]byte("impvm-seed-" + strconv.FormatInt(seed, 10)))
	base := uint32(h[0])<<16 | uint32(h[1])<<8 | uint32(h[2])
	mac = fmt.Sprintf("0c2a69%06x", (base+uint32(i))&0xffffff)
	prefix := "600a"
	if t, ok := imptype.Lookup(impType); ok && t.DeviceIDPrefix != "" {
		prefix = t.DeviceIDPrefix
	}
	return prefix + mac, mac
}

// deployment is what impCentral tells the code deployed with the device
// script s: the group s names, and s's code.
func deployment(s Script, created time.Time) source.Deployment {
	return source.Deployment{Group: baseName(s.Path), DeviceCode: s.Source, Created: created}
}

// randomSource is crypto.random's source for one device or agent: in
// virtual time a stream derived from the run's seed and the name (so runs
// are byte-identical), in wall time the operating system's.
func (w *World) randomSource(name string) io.Reader {
	if !w.cfg.Virtual {
		return rand.Reader
	}
	return &seededStream{key: sha256.Sum256([]byte("impvm-random-" + strconv.FormatInt(w.cfg.Seed, 10) + "-" + name))}
}

// seededStream is SHA-256 of key and a counter, block after block.
type seededStream struct {
	key   [32]byte
	n     uint64
	block []byte
}

func (s *seededStream) Read(p []byte) (int, error) {
	for i := range p {
		if len(s.block) == 0 {
			var in [40]byte
			copy(in[:], s.key[:])
			binary.BigEndian.PutUint64(in[32:], s.n)
			s.n++
			sum := sha256.Sum256(in[:])
			s.block = sum[:]
		}
		p[i] = s.block[0]
		s.block = s.block[1:]
	}
	return len(p), nil
}
