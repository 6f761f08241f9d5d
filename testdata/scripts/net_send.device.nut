// impvm: --virtual
// udpsocket.send's rules. Before the interface is CONNECTED send returns
// SEND_ERROR_NOT_CONNECTED. Then: dotted-quad private destinations only
// (10/8, 172.16/12, 192.168/16, the subnet broadcast, 255.255.255.255);
// a bad address throws and closes the socket. Ports 0-65535 but not 67
// (DHCP) or 68 (BOOTP); a string or a blob of at most 65507 bytes; the
// other violations throw and leave the socket open. Sending to an address
// nobody holds still returns 0.
local netif = null;
local sock = null;
function attempt(what, addr, port, data) {
  try {
    server.log(what + ": returned " + sock.send(addr, port, data));
  } catch (e) {
    server.log(what + ": threw '" + e + "'");
  }
}
function fresh() {
  if (sock != null) sock.close();
  sock = netif.openudp(null, 4000);
}
function connected() {
  fresh();
  foreach (addr in ["10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.11",
      "192.168.1.255", "255.255.255.255", "192.168.77.5"]) {
    attempt(addr, addr, 4001, "x");
  }
  foreach (addr in ["8.8.8.8", "172.32.0.1", "192.160.0.1", "127.0.0.1", "0.0.0.0",
      "192.168.1", "192.168.1.300", "::1", "localhost", " 10.0.0.1", ""]) {
    attempt("'" + addr + "'", addr, 4001, "x");
    try {
      sock.send("10.0.0.1", 4001, "x");
    } catch (e) {
      server.log("  then: " + e);
    }
    fresh();
  }
  foreach (port in [0, 1, 66, 67, 68, 69, 65535, -1, 65536]) {
    attempt("port " + port, "192.168.1.11", port, "x");
  }
  local big = blob(65507);
  attempt("blob of 65507", "192.168.1.11", 4001, big);
  big.seek(0, 'e');
  big.writen(0, 'b');
  attempt("blob of 65508", "192.168.1.11", 4001, big);
  local s = "";
  for (local i = 0; i < 4096; i++) s += "0123456789abcdef";
  attempt("string of " + s.len(), "192.168.1.11", 4001, s);
  attempt("empty string", "192.168.1.11", 4001, "");
  foreach (d in [42, 1.5, null, [1, 2], { a = 1 }]) attempt("data " + typeof d, "192.168.1.11", 4001, d);
  attempt("address 42", 42, 4001, "x");
  attempt("port '4001'", "192.168.1.11", "4001", "x");
  attempt("port 4001.0", "192.168.1.11", 4001.0, "x");
  try {
    sock.send("192.168.1.11", 4001);
  } catch (e) {
    server.log("two arguments: threw '" + e + "'");
  }
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state == imp.net.CONNECTED) connected();
});
local early = netif.openudp();
server.log("before CONNECTED: returned " + early.send("192.168.1.11", 4001, "x"));
imp.wakeup(0.6, function() {
  server.log("at 0.6 s (DHCP): returned " + early.send("192.168.1.11", 4001, "x"));
  early.close();
});
