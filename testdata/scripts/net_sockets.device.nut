// impvm: --virtual
// openudp's local port: 1024-65535, free, or none (bound on the first
// send). onreceive replaces the callback; null stops delivery. close()
// frees the port, a second close() does nothing, and every other method
// of a closed socket throws.
local netif = null;
function attempt(what, f) {
  try {
    local r = f();
    server.log(what + ": ok" + (r == null ? "" : " (" + typeof r + ")"));
    return r;
  } catch (e) {
    server.log(what + ": threw '" + e + "'");
  }
}
function log(tag) {
  return function(fromAddress, fromPort, toAddress, toPort, data) {
    server.log(tag + " received '" + data + "' on port " + toPort);
  };
}
function connected() {
  foreach (port in [0, 1023, 65536, -5]) attempt("port " + port, @() netif.openudp(null, port));
  attempt("port '2000'", @() netif.openudp(null, "2000"));
  attempt("callback 5", @() netif.openudp(5));
  local low = attempt("port 1024", @() netif.openudp(null, 1024));
  local high = attempt("port 65535", @() netif.openudp(log("high"), 65535));
  attempt("port 1024 again", @() netif.openudp(null, 1024));
  attempt("null callback, null port", @() netif.openudp(null, null));
  local bare = attempt("no arguments", @() netif.openudp());
  server.log("typeof socket: " + typeof high);

  local s = netif.openudp(log("first"), 7000);
  s.send("192.168.1.10", 7000, "one");
  imp.wakeup(0.1, function() {
    s.onreceive(log("second"));
    s.send("192.168.1.10", 7000, "two");
  });
  imp.wakeup(0.2, function() {
    s.onreceive(null);
    s.send("192.168.1.10", 7000, "three (not delivered)");
  });
  imp.wakeup(0.3, function() {
    s.onreceive(log("third"));
    s.send("192.168.1.10", 7000, "four");
  });
  imp.wakeup(0.4, function() {
    s.close();
    attempt("close again", @() s.close());
    attempt("send after close", @() s.send("192.168.1.10", 7000, "x"));
    attempt("onreceive null after close", @() s.onreceive(null));
    attempt("onreceive after close", @() s.onreceive(log("x")));
    local again = attempt("reopen port 7000", @() netif.openudp(log("reopened"), 7000));
    again.send("192.168.1.10", 7000, "five");
    imp.wakeup(0.1, function() {
      foreach (x in [low, high, bare, again]) x.close();
      server.log("all closed: the device has nothing left to do");
    });
  });
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state == imp.net.CONNECTED) connected();
});
