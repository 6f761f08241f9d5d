// impvm: --virtual --duration 26m --offline-at 50s+30s --offline-at 5m+12m
// SUSPEND_ON_ERROR (the default): a short outage suspends Squirrel until
// the link is back, and timers due meanwhile run late; a long one
// deep-sleeps the imp, which retries every ten minutes, starting its code
// again each time (WAKEREASON_TIMER, millis from 0, nv kept); a message
// it cannot send is lost.
if (!("nv" in getroottable())) nv <- { boots = 0 };
nv.boots++;
server.log("boot " + nv.boots + ": wakereason " + hardware.wakereason() + ", millis " + hardware.millis());
local n = 0;
function tick() {
  n++;
  server.log("tick " + n + " at " + hardware.millis() + " ms");
  imp.wakeup(60, tick);
}
imp.wakeup(60, tick);
