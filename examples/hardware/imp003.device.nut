// imp003: a beep played through the DAC on pinC with the fixed-frequency
// DAC, an accelerometer on i2cAB and a serial logger on uartDM.

log <- hardware.uartDM;
log.configure(115200, 8, PARITY_NONE, 1, NO_CTSRTS);
log.write("boot\r\n");

accel <- hardware.i2cAB;
accel.configure(CLOCK_SPEED_400_KHZ);
local who = accel.read(0x30, "\x0F", 1);   // LIS3DH WHO_AM_I
server.log("accelerometer " + (who == null ? "absent" : "present"));

// 0.2 s of a 500 Hz square wave at 8 kHz, 8-bit A-law samples.
local tone = blob(800);
for (local i = 0; i < 800; i++) tone.writen((i / 8) % 2 ? 0xD5 : 0x2A, 'b');
local played = 0;
hardware.fixedfrequencydac.configure(hardware.pinC, 8000, [tone], function(buf) {
    played++;
    hardware.fixedfrequencydac.stop();
    server.log("played " + played + " buffer of " + buf.len() + " samples");
}, A_LAW_DECOMPRESS);
hardware.fixedfrequencydac.start();
