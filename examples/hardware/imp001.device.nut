// imp001 (the imp card): an LED on pin5, a button on pin1 (the Wake pin),
// a TMP102 temperature sensor on i2c89 and audio sampled from pin2.
// Nothing is wired to the simulated card, so the sensor does not answer:
// the program reports that, as it would on a bare card.

const TMP102_ADDR = 0x90; // 8-bit address (0x48 << 1)

led <- hardware.pin5;
led.configure(DIGITAL_OUT, 0);

hardware.pin1.configure(DIGITAL_IN_WAKEUP, function() {
    server.log("button: " + hardware.pin1.read());
});

i2c <- hardware.i2c89;
i2c.configure(CLOCK_SPEED_100_KHZ);
local raw = i2c.read(TMP102_ADDR, "\x00", 2);
if (raw == null) {
    server.log("TMP102 did not answer (i2c error " + i2c.readerror() + ")");
} else {
    server.log(format("temperature %.2f C", ((raw[0] << 4) | (raw[1] >> 4)) * 0.0625));
}

// Half a second of A-law audio from pin2, in two 1000-byte buffers.
local buffers = 0;
hardware.sampler.configure(hardware.pin2, 4000, [blob(1000), blob(1000)], function(buf, len) {
    buffers++;
    if (buffers == 2) {
        hardware.sampler.stop();
        server.log("sampled " + buffers + " buffers of " + len + " bytes");
    }
}, A_LAW_COMPRESS);
hardware.sampler.start();

// Blink the LED five times, then finish.
local blinks = 0;
function blink() {
    led.write(blinks % 2);
    if (++blinks < 10) imp.wakeup(0.1, blink);
    else server.log("blinked on " + imp.info().type + ", light level " + hardware.lightlevel());
}
blink();
