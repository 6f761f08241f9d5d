// impvm: --virtual --imp-type imp006 --board board_bq24295.json --scenario board_bq24295.scenario.json --duration 60s
// TI's BQ24295 charger from a board file: its power-on registers, REG08
// (status) and REG09 (faults) as the scenario plugs in USB, over-volts
// the input, chills the thermistor and fills the cell; host mode after
// the first write, the 40 s watchdog expiring into WATCHDOG_FAULT with
// the control registers back at their power-on values; REG_RST.
local i2c = hardware.i2cLM;
i2c.configure(CLOCK_SPEED_400_KHZ);
const ADDR = 0xD6;

function reg(r) { return i2c.read(ADDR, r.tochar(), 1)[0]; }
function dump(what) {
    local s = i2c.read(ADDR, "\x00", 11), out = "";
    foreach (b in s) out += format(" %02X", b);
    server.log(what + ":" + out);
}

dump("power-on");
local t = 0;
function poll() {
    server.log(format("t=%ds REG08 %02X REG09 %02X", t, reg(0x08), reg(0x09)));
    t++;
    if (t <= 9) imp.wakeup(1, poll);
}
poll();

// Host mode at 10 s: ICHG 1024 mA, VREG 4.112 V; no watchdog kick.
imp.wakeup(10, function() {
    i2c.write(ADDR, "\x02\x20");
    i2c.write(ADDR, "\x04\x9A");
    dump("host mode");
    imp.wakeup(39, function() { dump("after 39 s"); });
    imp.wakeup(41, function() {
        dump("after 41 s");
        server.log(format("REG09 %02X then %02X", reg(0x09), reg(0x09)));
        i2c.write(ADDR, "\x02\x20");
        i2c.write(ADDR, "\x01\x9B"); // REG_RST
        dump("after REG_RST");
    });
});
