// impvm: --virtual --imp-type imp005 ping.device.nut pong.device.nut
// Lesson 13: UDP between two virtual devices.
//   cd examples/learn/13_udp
//   impvm run --virtual --imp-type imp005 ping.device.nut pong.device.nut
//
// Two imp005s share a virtual Ethernet LAN. This one (ping) broadcasts
// three numbered datagrams; the other (pong, in pong.device.nut) sends
// each back to where it came from. Each log line names its device.

const PONG_PORT = 5000;
const PING_PORT = 5001;

local netif = null;
local sock = null;
local sent = 0;
local broadcast = null;   // the subnet's broadcast address, once known

// Called with each datagram that arrives on PING_PORT.
function received(fromAddress, fromPort, toAddress, toPort, data) {
  server.log("reply from " + fromAddress + ": " + data.tostring());
  if (sent == 3) sock.close();   // done: the run can end
}

function sendPing() {
  sent++;
  local result = sock.send(broadcast, PONG_PORT, "ping " + sent);
  server.log("sent ping " + sent + " (result " + result + ")");
  if (sent < 3) imp.wakeup(1, sendPing);
}

// imp.net.open brings the interface up; the callback hears its state.
netif = imp.net.open({ interface = "eth0" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  local ip = netif.getiptable().ipv4;
  broadcast = ip.broadcast;
  server.log("ping is " + ip.address + ", broadcasting to " + broadcast);
  sock = netif.openudp(received, PING_PORT);
  imp.wakeup(1, sendPing);  // give pong a moment to open its socket
});
