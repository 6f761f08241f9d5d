// imp005: Ethernet, an RS-485 transceiver on uart1 with its driver enable
// on pinL, and an SPI ADC on spiBCAD.

local eth = imp.net.open({"interface": "eth0"}, function(state) {
    if (state == imp.net.CONNECTED) server.log("Ethernet up at " + imp.getethernetspeed() + " Mbit/s");
});

rs485 <- hardware.uart1;
rs485.configure(19200, 8, PARITY_EVEN, 1, NO_CTSRTS);
hardware.pinL.configure(DIGITAL_OUT, 1);  // drive the bus
rs485.write("\x01\x03\x00\x00\x00\x02\xC4\x0B"); // Modbus: read two registers
hardware.pinL.write(0);

adc <- hardware.spiBCAD;
adc.configure(CLOCK_IDLE_LOW | MSB_FIRST, 1000);
local reply = adc.writeread("\x06\x00\x00");  // MCP3208 channel 0
server.log(format("ADC raw %d (nothing on MISO)", ((reply[1] & 0x0F) << 8) | reply[2]));
