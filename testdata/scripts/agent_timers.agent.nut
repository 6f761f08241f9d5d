function tryCancel(name) {
  try { imp.cancelwakeup(name); server.log("cancelled " + name); }
  catch (e) { server.log("cancel " + name + ": " + e); }
}
imp.wakeup(1, function() { server.log("a fired"); }, "a");
imp.wakeup(2, function() { server.log("b fired (should not)"); }, "b");
tryCancel("b");
tryCancel("b");
tryCancel("never");
local first = imp.wakeup(3, function() { server.log("first c fired"); }, "c");
imp.wakeup(4, function() { server.log("second c fired (should not)"); }, "c");
tryCancel("c");
local h = imp.wakeup(5, function() { server.log("d fired (should not)"); }, "d");
imp.cancelwakeup(h);
tryCancel("d");
imp.wakeup(0, function() { server.log("wakeup(0) runs once the queue is idle"); });
imp.wakeup(1.5, function() { tryCancel("a"); });
server.log("typeof timer: " + typeof first);
try { imp.cancelwakeup(42); } catch (e) { server.log("cancel 42: " + e); }
// An agent's interval is not a device's: a negative one runs as soon as
// possible (no error), and the millisecond is its resolution.
imp.wakeup(-1, function() { server.log("wakeup(-1) ran"); });
imp.wakeup(0.0004, function() { server.log("wakeup(0.0004) ran"); });
imp.wakeup(20000000, function() {});
