//go:build race

package host

// raceEnabled: the race detector's shadow memory grows with what the
// program touches, so resident-size checks do not hold under -race.
const raceEnabled = true
