// impvm: --virtual --imp-type imp006
// imp.net.open throws for a configuration that is not a table, one
// without an interface, an identifier that is not a string or names no
// interface, an interface this imp (an imp006: wl0 and cell0) lacks, and
// one disabled by imp.net.setserverinterfaces. openudp throws on a
// cellular interface. Nothing is opened by a call that throws.
function attempt(what, f) {
  try {
    local r = f();
    server.log(what + ": ok (" + typeof r + ")");
  } catch (e) {
    server.log(what + ": " + e);
  }
}
attempt("string", @() imp.net.open("wl0"));
attempt("no args", @() imp.net.open());
attempt("no interface key", @() imp.net.open({ wificonfig = { ssid = "x" } }));
attempt("integer interface", @() imp.net.open({ interface = 0 }));
attempt("unknown", @() imp.net.open({ interface = "eth9x" }));
attempt("unknown bluetooth", @() imp.net.open({ interface = "bt0" }));
attempt("ethernet on imp006", @() imp.net.open({ interface = "ethernet" }));
attempt("eth0 on imp006", @() imp.net.open({ interface = "eth0" }));
attempt("second wifi", @() imp.net.open({ interface = "wl1" }));
attempt("bad callback", @() imp.net.open({ interface = "wl0" }, 5));
attempt("wl0", @() imp.net.open({ interface = "wl0" }));
attempt("cell0", @() imp.net.open({ interface = "cell0" }));
attempt("udp on cell0", @() imp.net.open({ interface = "cell" }).openudp());
imp.net.setserverinterfaces(["cell0"]);
server.log("server interfaces " + imp.net.getserverinterfaces().len() + ": " + imp.net.getserverinterfaces()[0]);
attempt("wifi disabled", @() imp.net.open({ interface = "wifi" }));
attempt("setserverinterfaces bad", @() imp.net.setserverinterfaces(["lte0"]));
attempt("setserverinterfaces int", @() imp.net.setserverinterfaces([1]));
imp.net.setserverinterfaces([]);
attempt("wifi enabled again", @() imp.net.open({ interface = "wifi" }));
