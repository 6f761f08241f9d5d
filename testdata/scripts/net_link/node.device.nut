// Logs its interface states and the pings it hears, and answers each;
// stops listening at 11 s.
local netif = null;
local sock = null;
netif = imp.net.open({ interface = "eth0" }, function(state) {
  server.log("state " + state);
  if (state == imp.net.CONNECTED && sock == null) {
    sock = netif.openudp(function(from, fport, to, tport, data) {
      server.log("heard '" + data + "'");
    }, 8000);
  }
});
imp.wakeup(5, function() { server.log("send while down: " + sock.send("192.168.1.10", 9, "x")); });
imp.wakeup(11, function() { sock.close(); });
