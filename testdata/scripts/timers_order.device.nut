// impvm: --virtual
// Timers fire in deadline order, equal deadlines in creation order;
// intervals round to the nearest centisecond (at least one);
// imp.wakeup(0) runs once the events due now are done, like imp.onidle.
server.log("top level");
imp.wakeup(2, function() { server.log("2 s"); });
imp.wakeup(1, function() { server.log("1 s (a)"); });
imp.wakeup(0.5, function() {
  server.log("0.5 s");
  imp.wakeup(0.5, function() { server.log("1 s (d), created at 0.5 s"); });
});
imp.wakeup(1.0, function() { server.log("1 s (b)"); });
imp.wakeup(1, function() { server.log("1 s (c)"); });
imp.wakeup(0, function() { server.log("wakeup(0)"); });
imp.wakeup(0.001, function() { server.log("0.001 s rounds up to 0.01 s"); });
imp.wakeup(0.014, function() { server.log("0.014 s rounds to 0.01 s"); });
imp.wakeup(1.234567, function() { server.log("1.234567 s rounds to 1.23 s"); });
local t = imp.wakeup(3, function() {
  server.log("3 s: millis " + hardware.millis());
  imp.wakeup(0.25, function() { server.log("nested 3.25 s"); });
});
server.log("typeof timer: " + typeof t);
server.log("top level ends");
