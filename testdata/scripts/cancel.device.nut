// impvm: --virtual
// imp.cancelwakeup stops a pending timer; cancelling a fired or cancelled
// timer, or null, does nothing.
local a = imp.wakeup(1, function() { server.log("a: not cancelled"); });
local b = imp.wakeup(2, function() { server.log("b: must not run"); });
local c = imp.wakeup(3, function() { server.log("c: must not run"); });
local z = imp.wakeup(0, function() { server.log("z: must not run"); });
imp.cancelwakeup(b);
imp.cancelwakeup(z);
imp.cancelwakeup(b);
imp.cancelwakeup(null);
imp.wakeup(1.5, function() {
  imp.cancelwakeup(a);
  imp.cancelwakeup(c);
  server.log("1.5 s: cancelled c, and a which had fired");
  try { imp.cancelwakeup("timer"); } catch (e) { server.log("cancelwakeup(\"timer\"): " + e); }
});
imp.wakeup(4, function() { server.log("4 s: last"); });
