package imptype

// imp001: the imp card (SD form factor).
//
// Source: Electric Imp, "imp001 Pin Mux"
// (developer.electricimp.com, hardware section)
// and the hardware.pin API page: six pins, every one digital, ADC and
// PWM capable (the sampler page: "All pins on the imp001 have ADCs");
// pins 1 and 5 are the DAC outputs; pin 1 is the Wake pin and the pulse
// counter. Buses as the pin mux lists them, with pin roles.
func newImp001() *Type {
	dacs := []string{"pin1", "pin5"}
	ps := withModes(muxPins("", "125789", "125789", AnalogIn|PWM), AnalogOut, dacs...)
	return &Type{
		Name: "imp001",
		Pins: withModes(ps, Wake|PulseCounter, "pin1"),
		Buses: []Bus{
			bus("uart1289", UART, "CTS", "RTS", "TX", "RX"),
			bus("uart57", UART),
			bus("uart12", UART),
			bus("i2c12", I2C),
			bus("i2c89", I2C),
			bus("spi257", SPI, "MISO", "SCLK", "MOSI"),
			bus("spi189", SPI, "SCLK", "MOSI", "MISO"),
		},
		WakePin:        "pin1",
		FFDACPins:      dacs,
		SamplerPins:    []string{"pin1", "pin2", "pin5", "pin7", "pin8", "pin9"},
		Interfaces:     []string{WiFi},
		LightLevel:     true,
		FreeAtBoot:     56000,
		Environment:    0,
		DeviceIDPrefix: "2000",
	}
}
