// impvm: --virtual
// The simulated imp006 hardware: pins and buses configure and answer like
// a bare module with nothing attached (0x22: no part has it for its default address).
local led = hardware.pinA;
server.log("typeof pin " + typeof led + ", i2c " + typeof hardware.i2cJK + ", spi " + typeof hardware.spiEFGH + ", uart " + typeof hardware.uartABCD);
// A level written before configure is taken without error (field code does
// write(0); configure(DIGITAL_OUT)); a non-number is still refused.
try { led.write(1); server.log("write before configure: taken"); } catch (e) { server.log("write before configure: " + e); }
try { led.write("high"); } catch (e) { server.log("write(\"high\") before configure: " + e); }
try { led.read(); } catch (e) { server.log("read before configure: " + e); }
led.configure(DIGITAL_OUT, 1);
server.log("DIGITAL_OUT initial " + led.read());
led.write(0);
server.log("after write(0) " + led.read());
local button = hardware.pinB;
button.configure(DIGITAL_IN_PULLUP, function() { server.log("changed"); });
server.log("DIGITAL_IN_PULLUP reads " + button.read());
hardware.pinC.configure(DIGITAL_IN);
server.log("DIGITAL_IN reads " + hardware.pinC.read());
try { hardware.pinC.write(1); } catch (e) { server.log("write to input: " + e); }
try { hardware.pinD.configure(12345); } catch (e) { server.log("bad mode: " + e); }
hardware.pinF.configure(ANALOG_IN);
local a = hardware.pinF.read();
server.log("ANALOG_IN in range " + (a >= 0 && a <= 65535) + ", stable " + (a == hardware.pinF.read()));
hardware.pinN.configure(PWM_OUT, 0.001, 0.25);
server.log("PWM duty " + hardware.pinN.read());
hardware.pinN.write(0.5);
server.log("PWM duty " + hardware.pinN.read());
server.log("pin1 on imp006: " + ("pin1" in hardware) + ", pinXA: " + ("pinXA" in hardware));

local i2c = hardware.i2cJK;
server.log("unconfigured i2c write " + i2c.write(0x22, "\x00"));
i2c.configure(CLOCK_SPEED_400_KHZ);
server.log("CLOCK_SPEED_400_KHZ " + CLOCK_SPEED_400_KHZ);
server.log("i2c write " + i2c.write(0x22, "\x00"));
local r = i2c.read(0x22, "\x00", 2);
server.log("i2c read " + r + ", readerror " + i2c.readerror());
i2c.disable();
i2c.read(0x22, "", 1);
server.log("disabled readerror " + i2c.readerror());

local spi = hardware.spiEFGH;
try { spi.write("x"); } catch (e) { server.log("spi before configure: " + e); }
server.log("spi speed " + spi.configure(MSB_FIRST | CLOCK_IDLE_LOW, 1000));
server.log("spi write " + spi.write("abc"));
local rb = spi.writeread("\x01\x02");
server.log("spi writeread " + rb.len() + " bytes, first " + rb[0]);
local blob = spi.readblob(3);
server.log("spi readblob " + typeof blob + " " + blob.len() + " " + blob[2]);

local uart = hardware.uartABCD;
server.log("uart read before configure " + uart.read());
server.log("uart baud " + uart.configure(115200, 8, PARITY_NONE, 1, NO_CTSRTS));
uart.write("hello");
uart.writestring("world");
server.log("uart read " + uart.read() + ", readstring '" + uart.readstring() + "'");
server.log("voltage " + hardware.voltage());
