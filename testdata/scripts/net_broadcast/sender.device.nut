// impvm: --virtual sender.device.nut listener.device.nut listener.device.nut
// Unicast and broadcast on the virtual LAN. The receive callback gets
// five arguments, data a blob; toAddress is the address the sender used:
// the receiver's own address, the subnet broadcast or 255.255.255.255.
// A broadcast reaches every socket bound to its port on the other
// devices, not the sender; unicast to the sender's own address is
// delivered; an address nobody holds swallows the datagram. A socket
// opened without a port is bound to one on its first send, and answers
// come back to it.
local netif = null;
function show(tag) {
  return function(fromAddress, fromPort, toAddress, toPort, data) {
    server.log(format("%s got %s:%d -> %s:%d %s '%s'", tag, fromAddress, fromPort,
      toAddress, toPort, typeof data, data.tostring()));
  };
}
function go() {
  local mine = netif.openudp(show("sender:6000"), 6000);
  local eph = netif.openudp(show("sender:unbound"));
  local b = blob();
  b.writestring("blob payload");
  foreach (p in [["192.168.1.11", "unicast"], ["192.168.1.255", "subnet broadcast"],
      ["255.255.255.255", "limited broadcast"], ["192.168.1.10", "to myself"],
      ["192.168.1.99", "to nobody"], ["192.168.1.12", b]]) {
    server.log("send " + p[0] + ": " + mine.send(p[0], 6000, p[1]));
  }
  server.log("unbound socket send: " + eph.send("192.168.1.12", 6000, "from an unbound socket"));
  imp.wakeup(1, function() { mine.close(); eph.close(); });
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state == imp.net.CONNECTED) imp.wakeup(1, go);
});
