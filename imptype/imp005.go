package imptype

// imp005: the Murata LBWA1UZ1GC-901 module (Broadcom BCM43909): dual-band
// Wi-Fi and 10/100 Ethernet.
//
// Source: Electric Imp, "imp005 Pin Mux"
// (developer.electricimp.com, hardware section) and "Design
// Hardware with the imp005" (its default pin-state table lists the 27
// pins A–Y without I, O, X, plus XA–XE; spi0 and spiBCAD support SPI mode
// 0 only). The imp005 has no ADC or DAC (its evaluation boards read
// analog inputs through an SPI ADC); PWM needs impOS 36 or later. uart0,
// uart1, uart2, i2c0 and spi0 are named by number, not by pins.
var imp005 = &Type{
	Name:   "imp005",
	Source: "Electric Imp Dev Center, imp005 pin mux and specifications",
	Pins: withModes(append(pins("", "ABCDEFGHJKLMNPQRSTUVWY", Digital|PWM),
		pins("X", "ABCDE", Digital|PWM)...),
		Wake, "pinW"),
	Buses: []Bus{
		bus("uart0", UART),
		bus("uart1", UART),
		bus("uart2", UART),
		bus("i2c0", I2C),
		bus("i2cJK", I2C, "SCL", "SDA"),
		bus("spi0", SPI),
		bus("spiBCAD", SPI),
	},
	WakePin:        "pinW",
	SPIFlashBytes:  4 << 20,
	LightLevel:     true,
	Interfaces:     []string{Ethernet, WiFi},
	USB:            true,
	HeapBytes:      2 << 20,
	FreeAtBoot:     1000000,
	Environment:    1,
	DeviceIDPrefix: "5000",
}
