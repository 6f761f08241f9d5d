// impvm: --virtual --no-rate-limit
// --no-rate-limit (a simulation knob for load tests) lifts the limit.
local netif = null;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED) return;
  local s = netif.openudp();
  local ok = 0;
  for (local i = 0; i < 1000; i++) if (s.send("192.168.1.10", 5000, "x") == 0) ok++;
  server.log(ok + " of 1000 sends returned 0");
  s.close();
});
