local n = 0;
function tick() {
  n++;
  server.log("node tick " + n + " at " + hardware.millis() + " ms");
  if (n < 3) imp.wakeup(1.5, tick);
}
server.log("node id " + hardware.getdeviceid());
imp.wakeup(1, tick);
