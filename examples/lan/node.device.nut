// Sensor node: answers the hub's discovery and data requests (see
// hub.device.nut for the packets).
//
// A node announces itself with a broadcast when its network comes up and
// answers every "DISCOVER". It answers "REQ <seq>" with a reading when
// <seq> is the number it expects next; any other number is logged as
// "Bad Sequence Number" and ignored, and the node then expects that number
// again (the hub repeats a request whose answer it did not get).
//
// The readings are simulated: a base temperature and humidity derived from
// the device's ID, plus a small wander from a generator seeded by it, so
// every node differs and every run is the same.

const HUB_PORT = 20001;
const NODE_PORT = 20002;

local netif = null;
local sock = null;
local expected = null; // the next sequence number; null until the first request
local rng = 0;

// seed takes the last six hex digits of the device ID.
function seed() {
    local id = hardware.getdeviceid();
    local n = 0;
    foreach (c in id.slice(-6)) {
        n = n * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return n;
}

// next is a linear congruential generator (32-bit arithmetic, as on an imp).
function next(range) {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return (rng >> 16) % range;
}

local idSeed = seed();
local baseTemp = 18.0 + (idSeed % 70) / 10.0;
local baseHumidity = 35 + idSeed % 25;
rng = idSeed;

function reading(seq) {
    local t = baseTemp + (next(21) - 10) / 10.0;
    local h = baseHumidity + next(5) - 2;
    return format("DATA %d %.1f %d", seq, t, h);
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
