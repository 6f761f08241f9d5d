// Lesson 13, the other device: answers every datagram on port 5000.
// (Run it with ping.device.nut; see there.)

const PONG_PORT = 5000;

local netif = null;
local sock = null;
local answered = 0;

function received(fromAddress, fromPort, toAddress, toPort, data) {
  server.log("got '" + data.tostring() + "' from " + fromAddress + ":" + fromPort + " (sent to " + toAddress + ")");
  sock.send(fromAddress, fromPort, "pong for " + data.tostring());
  answered++;
  if (answered == 3) sock.close();
}

netif = imp.net.open({ interface = "eth0" }, function(state) {
  if (state == imp.net.CONNECTED && sock == null) {
    server.log("pong is " + netif.getiptable().ipv4.address);
    sock = netif.openudp(received, PONG_PORT);
  }
});
