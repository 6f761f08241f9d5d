// impC001 Breakout Board: the u-blox GPS on uartNU behind the power gate
// on pinYG, sensors on i2cKL and the status LEDs on spiYJTHU.

hardware.pinYG.configure(DIGITAL_OUT, 1);   // power gate
gps <- hardware.uartNU;
gps.setrxfifosize(1024);
gps.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS, function() {
    server.log("GPS: " + gps.readstring());
});

sensors <- hardware.i2cKL;
sensors.configure(CLOCK_SPEED_400_KHZ);
server.log("accelerometer " + (sensors.read(0x32, "\x0F", 1) == null ? "absent" : "present"));

leds <- hardware.spiYJTHU;
leds.configure(MSB_FIRST, 7500);
leds.write("\x00\x00\x00\x00\xE1\x00\x20\x00\xFF\xFF\xFF\xFF"); // APA102: one green LED
imp.wakeup(3, function() {
    server.log("no NMEA sentence in 3 s (no GPS in simulation) on " + imp.info().type);
});
