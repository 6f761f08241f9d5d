// impvm: --virtual
// impOS's rate limit: a device may send a burst of 100 datagrams, then
// one more every 1/25 s (25 per second, on the device clock) up to 100
// again. A send over the limit returns SEND_ERROR_WOULDBLOCK and sends
// nothing. The limit belongs to the device, not to a socket.
local netif = null;
local a = null;
local b = null;
local received = 0;
function burst(label, sock, n) {
  local codes = {};
  local first4 = null;
  for (local i = 0; i < n; i++) {
    local rc = sock.send("192.168.1.10", 5000, "x" + i);
    if (!(rc in codes)) codes[rc] <- 0;
    codes[rc]++;
    if (rc == SEND_ERROR_WOULDBLOCK && first4 == null) first4 = i + 1;
  }
  local ok = 0 in codes ? codes[0] : 0;
  local blocked = 4 in codes ? codes[4] : 0;
  server.log(format("%s: %d sends: %d returned 0, %d returned 4 (first 4 at send %s)",
    label, n, ok, blocked, first4 == null ? "-" : first4.tostring()));
}
function connected() {
  a = netif.openudp(function(from, fport, to, tport, data) { received++; }, 5000);
  b = netif.openudp();
  burst("burst", a, 150);
  burst("other socket", b, 1);
  imp.wakeup(1, function() {
    server.log("received so far " + received);
    burst("after 1 s", a, 30);
  });
  imp.wakeup(1.5, function() { burst("after 0.5 s more", a, 30); });
  imp.wakeup(1.52, function() { burst("after 0.02 s more", a, 2); });
  imp.wakeup(1.56, function() { burst("after 0.04 s more", a, 2); });
  imp.wakeup(10, function() { burst("after 8.44 s idle (full again)", a, 101); });
  imp.wakeup(11, function() {
    server.log("received " + received + " datagrams in all");
    a.close();
  });
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state == imp.net.CONNECTED) connected();
});
