// impvm: --virtual --imp-type imp005 ../../../examples/lan/echo.device.nut client.device.nut
// The echo example (examples/lan/echo.device.nut) answering a client by
// unicast, subnet broadcast and 255.255.255.255. A datagram to a port
// nobody listens on is lost without a trace.
local netif = null;
local sock = null;
netif = imp.net.open({ interface = "ethernet" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    server.log(format("echo from %s:%d: '%s'", from, fport, data.tostring()));
  }, 4321);
  foreach (p in [["192.168.1.10", "hello"], ["192.168.1.255", "hello, everyone"],
      ["255.255.255.255", "hello, world"]]) {
    sock.send(p[0], 1234, p[1]);
  }
  sock.send("192.168.1.10", 1235, "not for the echo port");
  imp.wakeup(1, function() { sock.close(); });
});
