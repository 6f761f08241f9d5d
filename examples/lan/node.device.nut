// Sensor node: answers the hub's discovery and data requests (see
// hub.device.nut for the packets).
//
// A node announces itself with a broadcast when its network comes up and
// answers every "DISCOVER". It answers "REQ <seq>" with a reading when
// <seq> is the number it expects next; any other number is logged as
// "Bad Sequence Number" and ignored, and the node then expects that number
// again (the hub repeats a request whose answer it did not get).
//
// The readings come from the HTS221 temperature and humidity sensor on
// the board's sensor bus (the impExplorer Kit, or the imp006 Breakout
// Kit), read through its registers as ST's datasheet describes them: a
// one-shot conversion, then the raw outputs mapped to degrees and %RH by
// the part's own factory calibration. impvm attaches the kit when the
// code talks to its sensors (--board chooses another board, --env and
// --scenario set the room the node is in).

const HUB_PORT = 20001;
const NODE_PORT = 20002;
const HTS221 = 0xBE; // the imp's 8-bit address of the sensor (7-bit 0x5F)

local netif = null;
local sock = null;
local expected = null; // the next sequence number; null until the first request

// The kit's sensor bus for this imp type.
local i2c = { imp001 = "i2c89", imp004m = "i2cNM", imp006 = "i2cLM" };
i2c = hardware[i2c[imp.info().type]];
i2c.configure(CLOCK_SPEED_400_KHZ);

// regs reads n registers from r on (the MSB of the sub-address asks the
// HTS221 to step through them).
function regs(r, n) {
    return i2c.read(HTS221, format("%c", n > 1 ? r | 0x80 : r), n);
}

// s16 is the signed little-endian 16-bit value at b[i].
function s16(b, i) {
    local v = b[i] | (b[i + 1] << 8);
    return v >= 0x8000 ? v - 0x10000 : v;
}

local cal = regs(0x30, 16); // H0_rH_x2 ... T1_OUT
if (cal == null) throw "no HTS221 at 0xBE on the sensor bus (I2C error " + i2c.readerror() + ")";
local H0 = cal[0] / 2.0, H1 = cal[1] / 2.0;
local T0 = (cal[2] | (cal[5] & 0x03) << 8) / 8.0, T1 = (cal[3] | (cal[5] & 0x0C) << 6) / 8.0;
local H0OUT = s16(cal, 6), H1OUT = s16(cal, 10), T0OUT = s16(cal, 12), T1OUT = s16(cal, 14);
i2c.write(HTS221, "\x20\x80"); // CTRL_REG1: powered up, one-shot mode

// reading measures once and formats the answer to the hub.
function reading(seq) {
    i2c.write(HTS221, "\x21\x01"); // CTRL_REG2: ONE_SHOT
    local d = regs(0x28, 4);         // HUMIDITY_OUT_L ... TEMP_OUT_H
    local h = H0 + (s16(d, 0) - H0OUT) * (H1 - H0) / (H1OUT - H0OUT);
    local t = T0 + (s16(d, 2) - T0OUT) * (T1 - T0) / (T1OUT - T0OUT);
    return format("DATA %d %.1f %d", seq, t, (h + 0.5).tointeger());
}

function onRequest(fromAddress, fromPort, seq) {
    if (expected != null && seq != expected) {
        server.error(format("Bad Sequence Number: got %d, expected %d", seq, expected));
        expected = seq;
        return;
    }
    expected = seq + 1;
    local rc = sock.send(fromAddress, fromPort, reading(seq));
    if (rc != 0) server.error("Could not answer the hub (code " + rc + ")");
}

function received(fromAddress, fromPort, toAddress, toPort, data) {
    local fields = split(data.tostring(), " ");
    if (fields.len() == 1 && fields[0] == "DISCOVER") {
        sock.send(fromAddress, fromPort, "HELLO");
    } else if (fields.len() == 2 && fields[0] == "REQ") {
        onRequest(fromAddress, fromPort, fields[1].tointeger());
    }
}

function stateChanged(state) {
    if (state != imp.net.CONNECTED || sock != null) return;
    local ip = netif.getiptable().ipv4;
    sock = netif.openudp(received, NODE_PORT);
    sock.send(ip.broadcast, HUB_PORT, "HELLO");
}

netif = imp.net.open({ interface = "wifi" }, stateChanged);
