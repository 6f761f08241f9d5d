// Package board is what is physically attached to an imp, the way
// package lan is the network: a Board is an imp type plus the parts on
// its I²C, SPI and UART buses and its pins, the SPI flash behind
// hardware.spiflash, and the physical world (Env) the parts sense. It
// knows nothing of the VM; stdlib/imp binds hardware.* to it.
//
// # Parts
//
// Each part is a register-level model of its datasheet, one file per
// part: hts221.go, lps22hb.go, lps25h.go, lis3dh.go, si702x.go, tmp102.go, pcf8563.go,
// mma8452q.go, sx150x.go, eeprom24.go, tcs3472.go, lsm9ds0.go, bq25895.go,
// bq24295.go and max17055.go with battery.go, the cell they share (I²C; the newer ones
// register themselves in parts.go),
// ws2812.go (an LED chain on SPI MOSI), spiflash.go (NOR flash),
// spinor.go (an external SPI flash chip behind a chip select),
// w5500.go (WIZnet's Ethernet controller, plugged into a simulated LAN:
// ethernet.go, with dhcp.go's DHCP server and modbustcp.go's Modbus TCP
// server; nothing reaches a real network), stm32boot.go (an STM32's
// USART bootloader), ft800.go (FTDI's display controller), max3421e.go (a USB host
// controller with an empty port), stn1110.go (an OBD-II interpreter
// in a simulated car), cfa533.go (a Crystalfontz serial LCD), gps.go
// and modbus.go (UART), analog.go (input pins), serial.go (a UART wired
// to a file or a loopback TCP port). Each file's type comment lists what
// is modelled and what is not. A part addressed by register embeds
// registers.go's register kit (its I²C Write, Read and a board file's
// SetRegister). I²C parts implement I2CDevice and answer
// at the imp's 8-bit addresses (0xBE for an HTS221 at 0x5F); an address
// where nothing sits NACKs. The parts on an I²C bus are wired to its SCL
// and SDA pins too (i2cwire.go): code bit-banging those pins as
// open-drain GPIO reaches them. Time comes with every call (the device's
// clock), so parts convert, fill FIFOs and raise interrupt lines over
// virtual time without a scheduler of their own: they catch up when
// asked. A part's interrupt line is a PinSource (Changer says when it
// may next change, so the binding can fire pin callbacks); a registered
// part names its lines (interruptLines) and parts.go wires them to the
// pins its board-file entry gives.
//
// # The physical world
//
// Env holds temperature, humidity, pressure, acceleration, position and
// input levels: constant by default (Defaults: room conditions, 1 g
// down), set per device (--env), or following a Scenario's curves over
// virtual time (points, ramps, seeded noise). It is pure: the same time
// gives the same value however often it is read, so the same seed and
// scenario give byte-identical logs.
//
// # Boards
//
// Breakouts (breakout.go) are single parts at their datasheet default
// addresses, taken as code addresses them when no kit explains it.
//
// Kits are the built-in boards (the impExplorer Kit editions, the
// impC001 breakout); BoardFile is a user's board (JSON, examples in
// examples/boards/). Both are lists of Parts that Build attaches. Board
// and scenario files are read with every value's line, so a mistake is
// reported as FILE:LINE: field: message (FileError).
//
// # Looking at a board
//
// Trace (--trace-bus) logs every transaction; Watch (view.go) keeps what
// the parts show a person — LED colours (Lights) and readings over time
// (Reader) — for the board view (board/boardweb, --board-view). Neither
// costs anything while unset.
package board
