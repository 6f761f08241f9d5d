// imp002: a relay on pinA, a UART to a serial display on uart6E, and an
// EEPROM on i2c12. The display and EEPROM are not there in simulation.

relay <- hardware.pinA;
relay.configure(DIGITAL_OUT, 0);

display <- hardware.uart6E;
local baud = display.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS);
display.write("\xFE\x01Hello, imp002");
server.log("display UART at " + baud + " baud");

eeprom <- hardware.i2c12;
eeprom.configure(CLOCK_SPEED_400_KHZ);
local err = eeprom.write(0xA0, "\x00\x00impvm");
server.log("EEPROM write: " + (err == 0 ? "ok" : "error " + err));

relay.write(1);
imp.wakeup(1, function() {
    relay.write(0);
    server.log("relay pulsed for 1 s on " + imp.info().type);
});
