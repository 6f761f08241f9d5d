// impvm: --virtual --duration 5s hub.device.nut node.device.nut node.device.nut
// Three devices on one clock: the hub, and two devices running the same
// node code (named node-1 and node-2); the log interleaves them by time,
// equal times in the order their events were scheduled.
local n = 0;
function tick() {
  n++;
  server.log("hub tick " + n);
  imp.wakeup(2, tick);
}
server.log("hub id " + hardware.getdeviceid());
tick();
