// impvm: --virtual --on-error restart --max-restarts 2
// impvm-exit: 1
// Uncaught errors restart the device's Squirrel: a fresh root table, nv
// kept, wakereason 5; after --max-restarts restarts the run ends.
if (!("nv" in getroottable())) nv <- { runs = 0 };
nv.runs++;
server.log("run " + nv.runs + ": wakereason " + hardware.wakereason() + ", millis " + hardware.millis() + ", counter " + ("counter" in getroottable()));
counter <- 0;
imp.wakeup(1, function() {
  throw "failure in run " + nv.runs;
});
