// impvm: --virtual --duration 12s --link-down node@3s+4s --imp-type imp005 pinger.device.nut node.device.nut
// A link schedule (--link-down DEVICE@AT+FOR): node's link goes down at
// 3 s and back up at 7 s. Its Ethernet interface reports
// ETHERNET_STOPPED_NO_LINK, its sends return SEND_ERROR_NOT_CONNECTED,
// and datagrams sent to it meanwhile are lost (the sender still gets 0).
// When the link returns the interface starts again and reconnects.
local netif = null;
local sock = null;
local n = 0;
function ping() {
  n++;
  server.log("ping " + n + ": " + sock.send("192.168.1.11", 8000, "ping " + n));
  if (n < 10) imp.wakeup(1, ping);
  else sock.close();
}
netif = imp.net.open({ interface = "eth0" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp();
  ping();
});
