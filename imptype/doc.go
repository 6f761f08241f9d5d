// Package imptype describes every Electric Imp module impvm can simulate:
// its pins by their real names and what each can be configured as, its
// I²C, SPI and UART buses and the pins they use, its PWM pairs, DAC,
// sampler and fixed-frequency-DAC pins, its Wake pin, the size of
// hardware.spiflash, its network interfaces, whether it has Bluetooth LE,
// and the size of its Squirrel heap.
//
// One file per imp type (imp001.go … impC001.go) holds its table and
// names the Electric Imp documentation page it was taken from. type.go
// holds the shared vocabulary, choose.go picks the imp type a program was
// written for from the hardware names and network interfaces it uses.
//
// Where the tables come from: Electric Imp's Dev Center pin mux and
// hardware-guide pages for each module, cross-checked against the
// hardware names Electric Imp's own published example and library code
// uses on each module. The per-pin mode columns of some pages could not be
// re-read while writing this; where a file says so, impvm allows a mode
// rather than refusing one the real module might have.
//
// The package sits below stdlib: it knows nothing of Squirrel values.
package imptype
