// A listener for sender.device.nut: port 6000 logs and answers each
// datagram; port 6001 hears nothing. Both close after 3 s.
local netif = null;
local main = null;
local other = null;
function heard(fromAddress, fromPort, toAddress, toPort, data) {
  server.log(format("got %s:%d -> %s:%d %s of %d bytes '%s'", fromAddress, fromPort,
    toAddress, toPort, typeof data, data.len(), data.tostring()));
  main.send(fromAddress, fromPort, "ack " + data.tostring());
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED) return;
  main = netif.openudp(heard, 6000);
  other = netif.openudp(function(a, b, c, d, e) { server.log("port 6001 heard something"); }, 6001);
  imp.wakeup(3, function() { main.close(); other.close(); });
});
