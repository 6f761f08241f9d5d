// imp006 Breakout Board: sensors on i2cLM, a Grove port on i2cTU, a
// mikroBUS UART on uartXEFGH powered through pinXU, and BLE.

hardware.pinXU.configure(DIGITAL_OUT, 1);   // mikroBUS 3V3
click <- hardware.uartXEFGH;
click.configure(115200, 8, PARITY_NONE, 1, NO_CTSRTS, function() {
    server.log("click board says " + click.readstring());
});
click.write("AT+GMR\r\n");

sensors <- hardware.i2cLM;
sensors.configure(CLOCK_SPEED_400_KHZ);
foreach (name, addr in {HTS221 = 0xBE, LIS2DH12 = 0x32}) {
    server.log(name + (sensors.read(addr, "\x0F", 1) == null ? " absent" : " present"));
}

local bt = hardware.bluetooth.open();
bt.startadvertise("\x02\x01\x06\x05\x09impv", 100, 200);
imp.wakeup(2, function() {
    bt.stopadvertise();
    server.log("advertised for 2 s; Wi-Fi RSSI " + imp.getrssi() + " dBm");
});
