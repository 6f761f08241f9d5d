// impvm: --virtual --on-error restart --max-restarts 1
// impvm-exit: 1
// A datagram that arrives while the device is blocked in imp.sleep waits
// for it. An uncaught error in a receive callback is the device's error:
// under --on-error restart its Squirrel starts again, the sockets of the
// old run are closed and their ports can be bound again. The second error
// ends the run (--max-restarts 1).
if (!("nv" in getroottable())) nv <- { runs = 0 };
nv.runs++;
server.log("run " + nv.runs + ", wake reason " + hardware.wakereason());
local netif = null;
local sock = null;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED) return;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    server.log("received '" + data + "' at " + hardware.millis() + " ms");
    if (data.tostring() == "boom") throw "bad datagram";
  }, 5555);
  sock.send("192.168.1.10", 5555, "before the sleep");
  imp.sleep(1);
  server.log("woke at " + hardware.millis() + " ms");
  sock.send("192.168.1.10", 5555, "boom");
});
