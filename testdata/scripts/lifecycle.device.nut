// impvm: --virtual
// Calls that do not return, and cannot be caught: server.restart()
// restarts Squirrel (WAKEREASON_SW_RESTART); server.sleepfor() deep-sleeps
// and starts the code again (WAKEREASON_TIMER, millis from 0, disconnected
// until the code uses the server); imp.reset() warm-boots
// (WAKEREASON_SW_RESET); imp.deepsleepuntil() sleeps until a UTC time.
if (!("nv" in getroottable())) nv <- { step = 0, seen = [] };
nv.step++;
nv.seen.append(hardware.wakereason());
server.log("step " + nv.step + ": wakereason " + hardware.wakereason() + ", millis " + hardware.millis() + ", connected " + server.isconnected());
switch (nv.step) {
case 1:
  imp.wakeup(1, function() {
    try { server.restart(); } catch (e) { server.log("caught?! " + e); }
    server.log("server.restart() returned?!");
  });
  break;
case 2:
  imp.wakeup(2, function() { server.sleepfor(60); });
  break;
case 3:
  imp.wakeup(0.5, function() { imp.reset(); });
  break;
case 4:
  imp.deepsleepuntil(12, 30);
  break;
default:
  local s = "";
  foreach (r in nv.seen) s += r + " ";
  server.log("wake reasons: " + s);
}
