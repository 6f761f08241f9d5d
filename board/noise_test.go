package board

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// refNoise is the noise formula written out plainly: the FNV-1a hash of
// the whole string "seed/device/name/step" (hash/fnv), four 16-bit
// uniforms of it summed.
func refNoise(seed int64, device, name string, t, step time.Duration) float64 {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(seed, 10) + "/" + device + "/" + name + "/" + strconv.FormatInt(int64(t/step), 10)))
	x := h.Sum64()
	var sum float64
	for range 4 {
		sum += float64(x&0xFFFF)/65535 - 0.5
		x >>= 16
	}
	return sum * math.Sqrt(3)
}

// Noise is the hash of its whole name however it is asked for (a part's
// key and measurement apart or joined), and follows changes of the seed
// and the device name.
func TestNoiseIsTheHashOfItsName(t *testing.T) {
	e := NewEnv(7)
	e.Start = t0
	long := strings.Repeat("device", 30) // past any fixed buffer
	for _, seed := range []int64{7, -3, 0} {
		for _, dev := range []string{"", "node-17", long} {
			e.Seed, e.Device = seed, dev
			for _, at := range []time.Duration{0, time.Nanosecond, 90 * time.Minute, -time.Second} {
				tm := t0.Add(at)
				want := refNoise(seed, dev, "part:hts221@i2c89:BE/t", at, time.Nanosecond)
				if got := e.Noise("hts221@i2c89:BE/t", tm); got != want {
					t.Errorf("seed %d device %q at %v: Noise %v, want %v", seed, dev, at, got, want)
				}
				if got := e.NoiseSub("hts221@i2c89:BE", "/t", tm); got != want {
					t.Errorf("seed %d device %q at %v: NoiseSub %v, want %v", seed, dev, at, got, want)
				}
				if got, want := e.noise(Temperature, at, time.Second), refNoise(seed, dev, Temperature, at, time.Second); got != want {
					t.Errorf("seed %d device %q at %v: curve noise %v, want %v", seed, dev, at, got, want)
				}
			}
		}
	}
}
