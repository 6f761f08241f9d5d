// impvm: --virtual --imp-type imp001 --board explorer --env temperature=25 --env humidity=50 --duration 1s
// The impExplorer Kit's parts driven register by register, checked
// against their datasheets: ST HTS221 (DocID026333), LPS22HB
// (DocID027083), LIS3DH (DocID17530); the imp's 8-bit addresses.
local i2c = hardware.i2c89;
i2c.configure(CLOCK_SPEED_400_KHZ);

function reg(addr, r) { return i2c.read(addr, r.tochar(), 1)[0]; }
function regs(addr, r, n) { return i2c.read(addr, r.tochar(), n); }
function put(addr, r, v) { return i2c.write(addr, r.tochar() + v.tochar()); }
function s16(b, i) { local v = b[i] | b[i + 1] << 8; return v >= 0x8000 ? v - 0x10000 : v; }
function check(what, ok) { server.log((ok ? "ok   " : "FAIL ") + what); }

// HTS221 at 0xBE: identity, reset values, one-shot, calibration.
const HTS = 0xBE;
check("HTS221 WHO_AM_I 0xBC", reg(HTS, 0x0F) == 0xBC);
check("HTS221 AV_CONF resets to 0x1B", reg(HTS, 0x10) == 0x1B);
check("HTS221 CTRL_REG1 resets to 0 (powered down)", reg(HTS, 0x20) == 0);
put(HTS, 0x21, 0x01);
check("HTS221 no conversion while powered down", reg(HTS, 0x27) == 0);
put(HTS, 0x20, 0x80);
put(HTS, 0x21, 0x01);
check("HTS221 ONE_SHOT clears when done", reg(HTS, 0x21) == 0);
check("HTS221 STATUS H_DA|T_DA", reg(HTS, 0x27) == 3);
local cal = regs(HTS, 0xB0, 16);
local h0 = cal[0] / 2.0, h1 = cal[1] / 2.0;
local t0 = (cal[2] | (cal[5] & 3) << 8) / 8.0, t1 = (cal[3] | (cal[5] & 0x0C) << 6) / 8.0;
local out = regs(HTS, 0xA8, 4);
local h = h0 + (s16(out, 0) - s16(cal, 6)) * (h1 - h0) / (s16(cal, 10) - s16(cal, 6));
local t = t0 + (s16(out, 2) - s16(cal, 12)) * (t1 - t0) / (s16(cal, 14) - s16(cal, 12));
check(format("HTS221 25 C / 50 %%RH through its calibration: %.2f C %.2f %%RH", t, h), math.fabs(t - 25) < 0.1 && math.fabs(h - 50) < 0.5);
check("HTS221 STATUS clear after reading", reg(HTS, 0x27) == 0);
local same = regs(HTS, 0x28, 3);
check("HTS221 no auto-increment without the sub-address MSB", same[0] == same[1] && same[1] == same[2]);

// LPS22HB at 0xB8.
const LPS = 0xB8;
check("LPS22HB WHO_AM_I 0xB1", reg(LPS, 0x0F) == 0xB1);
check("LPS22HB CTRL_REG2 resets to 0x10 (IF_ADD_INC)", reg(LPS, 0x11) == 0x10);
put(LPS, 0x11, 0x11);
local p = regs(LPS, 0x28, 5);
local hpa = (p[0] | p[1] << 8 | p[2] << 16) / 4096.0;
local tc = s16(p, 3) / 100.0;
check(format("LPS22HB one-shot: %.3f hPa %.2f C", hpa, tc), math.fabs(hpa - 1013.25) < 0.1 && math.fabs(tc - 25) < 0.1);

// LIS3DH at 0x32: 100 Hz normal mode, +-2 g: 1 g down is ~250 digits of 4 mg.
const LIS = 0x32;
check("LIS3DH WHO_AM_I 0x33", reg(LIS, 0x0F) == 0x33);
check("LIS3DH CTRL_REG1 resets to 0x07", reg(LIS, 0x20) == 0x07);
put(LIS, 0x20, 0x57);
imp.sleep(0.02);
check("LIS3DH STATUS ZYXDA", (reg(LIS, 0x27) & 0x08) != 0);
local a = regs(LIS, 0xA8, 6);
local z = s16(a, 4) >> 6;
check(format("LIS3DH Z %d digits (1 g at 4 mg/digit is 250)", z), math.abs(z - 250) <= 2 && math.abs(s16(a, 0) >> 6) <= 2);
put(LIS, 0x24, 0x40);  // FIFO_EN
put(LIS, 0x2E, 0x80);  // stream mode
imp.sleep(0.5);
local src = reg(LIS, 0x2F);
check(format("LIS3DH FIFO_SRC 0x%02X: full (31) with OVRN", src), (src & 0x1F) == 31 && (src & 0x40) != 0);

// The nothing-there case: an address with no part NACKs.
check("nothing at 0x90: read null", i2c.read(0x90, "\x00", 1) == null);
check("readerror -9 (NACK)", i2c.readerror() == -9);
check("write returns -9", i2c.write(0x90, "\x00") == -9);

// INT1 of the LIS3DH reaches pin1 (the kit's wake pin): an inertial
// interrupt on |Z| above 256 mg.
hardware.pin1.configure(DIGITAL_IN_WAKEUP, function() {
    if (hardware.pin1.read() == 0) return;
    server.log(format("pin1 rose: INT1_SRC 0x%02X (IA|ZH)", reg(LIS, 0x31)));
    put(LIS, 0x30, 0x00); // interrupt off: the latch cleared by the read stays clear
    imp.wakeup(0.1, function() { check("pin1 low once INT1 is off", hardware.pin1.read() == 0); });
});
put(LIS, 0x24, 0x08);  // FIFO off, LIR_INT1
put(LIS, 0x22, 0x40);  // I1_IA1
put(LIS, 0x32, 0x10);  // INT1_THS 16 x 16 mg
put(LIS, 0x30, 0x20);  // ZHIE
