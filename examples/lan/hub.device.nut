// Sensor hub: finds the sensor nodes on the local network and polls them.
//
//   impvm run --virtual --duration 10m examples/lan/hub.device.nut \
//       examples/lan/node.device.nut examples/lan/node.device.nut examples/lan/node.device.nut
//
// At start the hub broadcasts a discovery packet; every node that answers
// is remembered ("Discovered node <ip>") and asked for a reading at once.
// Every 60 s the hub sends each
// known node a data request carrying that node's sequence number and
// broadcasts discovery again (nodes can join late, and UDP may lose the
// first answers). A reading is logged and forwarded to the agent with
// agent.send("reading", {...}); the node's sequence number moves on only
// when its reading arrives, so a lost reading makes the next request
// repeat an old number, which the node rejects once.
//
// Packets are text: "DISCOVER", "HELLO", "REQ <seq>",
// "DATA <seq> <temperature> <humidity>".

const HUB_PORT = 20001;
const NODE_PORT = 20002;
const POLL_SECONDS = 60;
const RETRY_SECONDS = 0.04; // one send token comes back every 1/25 s

local netif = null;
local sock = null;
local bcast = null;
local nodes = {};    // ip -> { port, seq }
local outbox = [];   // [ip, port, packet] waiting for the rate limiter
local head = 0;      // next outbox entry to send
local draining = false;

// drain sends what the outbox holds until impOS's rate limit says wait.
function drain() {
    draining = false;
    while (head < outbox.len()) {
        local p = outbox[head];
        local rc = sock.send(p[0], p[1], p[2]);
        if (rc == SEND_ERROR_WOULDBLOCK) {
            draining = true;
            imp.wakeup(RETRY_SECONDS, drain);
            return;
        }
        if (rc != 0) server.error("Could not send to " + p[0] + " (code " + rc + ")");
        head++;
    }
    outbox.clear();
    head = 0;
}

function queue(ip, port, packet) {
    outbox.push([ip, port, packet]);
    if (!draining) drain();
}

function discover() {
    queue(bcast, NODE_PORT, "DISCOVER");
}

function poll() {
    imp.wakeup(POLL_SECONDS, poll);
    foreach (ip, node in nodes) queue(ip, node.port, "REQ " + node.seq);
    discover();
}

function onReading(ip, fields) {
    local node = nodes[ip];
    local seq = fields[1].tointeger();
    if (seq != node.seq) return; // a late or repeated answer
    node.seq++;
    local t = fields[2].tofloat();
    local h = fields[3].tointeger();
    server.log(format("Reading from %s: %.1f C, %d %%RH (seq %d)", ip, t, h, seq));
    agent.send("reading", { node = ip, seq = seq, temperature = t, humidity = h });
}

function received(fromAddress, fromPort, toAddress, toPort, data) {
    local fields = split(data.tostring(), " ");
    if (fields.len() == 0) return;
    if (fields[0] == "HELLO") {
        if (!(fromAddress in nodes)) {
            nodes[fromAddress] <- { port = fromPort, seq = 1 };
            server.log("Discovered node " + fromAddress);
            queue(fromAddress, fromPort, "REQ 1"); // a first reading now, not in a minute
        }
    } else if (fields[0] == "DATA" && fields.len() == 4 && fromAddress in nodes) {
        onReading(fromAddress, fields);
    }
}

function stateChanged(state) {
    if (state != imp.net.CONNECTED || sock != null) return;
    local ip = netif.getiptable().ipv4;
    bcast = ip.broadcast;
    sock = netif.openudp(received, HUB_PORT);
    server.log("Hub " + ip.address + " looking for nodes");
    discover();
    imp.wakeup(POLL_SECONDS, poll);
}

netif = imp.net.open({ interface = "wifi" }, stateChanged);
