// impvm: --virtual --duration 10s
// imp.net.open returns at once (getstate() is STARTING) and reports each
// state through its callback later, on the device clock: WiFi scans,
// joins, brings its link up and gets an address by DHCP; cellular contacts
// its modem, registers and connects by PPP. A second open of the same
// interface shares it: its callback hears the states still to come, and
// one opened after CONNECTED hears CONNECTED at once. this in a callback
// is the root table unless the callback is bound.
local names = {};
foreach (name in ["UNKNOWN", "STARTING", "CONNECTED", "WIFI_SCANNING", "WIFI_JOINING",
    "WIFI_LINK_UP", "WIFI_DHCPING", "CELLULAR_PINGING", "CELLULAR_REGISTERING",
    "CELLULAR_PPP_CONNECTING"]) {
  names[imp.net[name]] <- name;
}
function watcher(tag) {
  return function(state) { server.log(tag + ": " + names[state]); };
}
local wifi = imp.net.open({ interface = "wifi" }, watcher("wifi"));
server.log("open returned: getstate() = " + names[wifi.getstate()]);
local cell = imp.net.open({ interface = "cell0" }, watcher("cell"));
imp.wakeup(0.3, function() {
  local again = imp.net.open({ interface = "wl0" }, watcher("wl0 opened at 0.3 s"));
  server.log("second open: getstate() = " + names[again.getstate()]);
});
boundEnv <- { tag = "env" };
imp.wakeup(2, function() {
  imp.net.open({ interface = "wifi" }, watcher("wifi opened at 2 s"));
  imp.net.open({ interface = "wifi" }, function(state) {
    server.log("bound callback: " + this.tag + " " + names[state]);
  }.bindenv(boundEnv)); // held by the root table: a bound function keeps its env only weakly
  server.log("wifi " + names[wifi.getstate()] + ", cell " + names[cell.getstate()]);
});
imp.wakeup(5, function() { server.log("cell " + names[cell.getstate()]); });
