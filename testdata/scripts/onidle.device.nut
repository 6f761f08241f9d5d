// impvm: --virtual
// imp.onidle fires once, when the device's queue has drained; a new
// handler replaces the old one; null cancels it.
imp.onidle(function() { server.log("replaced: must not run"); });
imp.onidle(function() {
  server.log("idle 1 at " + hardware.millis() + " ms");
  imp.wakeup(1, function() {
    server.log("timer at 1 s");
    imp.onidle(function() { server.log("idle 2 after the timer"); });
    imp.wakeup(0, function() { server.log("wakeup(0) after idle 2"); });
  });
});
imp.wakeup(0, function() { server.log("wakeup(0) queued after the idle handler"); });
server.log("top level done");
imp.wakeup(5, function() {
  imp.onidle(function() { server.log("cancelled: must not run"); });
  imp.onidle(null);
  server.log("5 s: idle handler set and cancelled");
});
