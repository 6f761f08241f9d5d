// impvm: --virtual --imp-type imp005
// An imp005 has Ethernet and WiFi. imp.net.info() lists both (the first
// has the device's MAC), and while the device is connected to the server
// gives active (the server's interface: Ethernet first by default) and
// its ipv4 table; both are absent once it disconnects. getiptable() is
// empty until the interface has its address. Ethernet reports link up
// and DHCP before CONNECTED.
function dump(name, v, indent = "") {
  switch (typeof v) {
  case "table":
    server.log(indent + name + " = {");
    local keys = [];
    foreach (k, _ in v) keys.push(k);
    keys.sort();
    foreach (k in keys) dump(k, v[k], indent + "  ");
    server.log(indent + "}");
    break;
  case "array":
    server.log(indent + name + " = [");
    foreach (i, x in v) dump(i.tostring(), x, indent + "  ");
    server.log(indent + "]");
    break;
  default:
    server.log(indent + name + " = " + v);
  }
}
server.log("device id " + hardware.getdeviceid());
dump("imp.net.info()", imp.net.info());
dump("server interfaces", imp.net.getserverinterfaces());
local eth = null;
eth = imp.net.open({ interface = "ethernet" }, function(state) {
  server.log("ethernet state " + state);
  if (state == imp.net.CONNECTED) {
    dump("getiptable()", eth.getiptable());
    server.disconnect();
    local info = imp.net.info();
    server.log("disconnected: active " + ("active" in info) + ", ipv4 " + ("ipv4" in info));
  }
});
dump("getiptable() while starting", eth.getiptable());
