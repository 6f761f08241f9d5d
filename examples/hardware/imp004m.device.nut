// imp004m: a piezo driven through hardware.pwmpairKD, a sensor on i2cNM,
// and the Bluetooth LE radio on uartFGJH (pinJ is BT_REG_ON, pinE LPO).

hardware.pwmpairKD.configure(PWM_OUT, 1.0 / 2000, 0.5);
server.log("piezo duty " + hardware.pwmpairKD.read());

sensor <- hardware.i2cNM;
sensor.configure(CLOCK_SPEED_100_KHZ);
server.log("sensor " + (sensor.read(0xBE, "\x0F", 1) == null ? "absent" : "present"));

hardware.pinJ.configure(DIGITAL_OUT, 1);   // BT_REG_ON
hardware.pinE.configure(DIGITAL_OUT, 0);   // LPO_IN
imp.sleep(0.01);
local bt = hardware.bluetooth.open(hardware.uartFGJH, "<firmware>");
local seen = 0;
bt.startscan(function(adverts) { seen += adverts.len(); });
imp.wakeup(5, function() {
    bt.stopscan();
    server.log("BLE scan saw " + seen + " devices");
    hardware.pwmpairKD.write(0.0);
});
