local pings = 0;
device.onconnect(function() { server.log("device connected (isconnected " + device.isconnected() + ")"); });
device.ondisconnect(function(reserved) { server.log("device disconnected, argument " + typeof reserved); });
device.on("note", function(s) { server.log("note: " + s); });
function ping() {
  pings++;
  device.send("ping", pings);
  if (pings < 12) imp.wakeup(10, ping);
}
ping();
server.log("device.info().type " + device.info().type);
