// Logs what arrives, and stops listening after 2 s.
local netif = null;
local sock = null;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp(function(from, fport, to, tport, data) { server.log("got " + data); }, 9000);
  imp.wakeup(2, function() { sock.close(); });
});
