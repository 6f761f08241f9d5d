// impvm: --virtual --imp-type imp001
// A driver that polls with imp.wakeup(0, f) until hardware.millis() says
// its timeout has passed: the CPU never goes idle, so the work of each
// round adds up and the clock moves on (each step costs 4 µs on an
// imp001), as on a real imp. The polling ends after about 100 ms instead
// of stalling at one instant.
local start = hardware.millis();
local rounds = 0;
function poll() {
  rounds++;
  if (hardware.millis() - start < 100) {
    imp.wakeup(0, poll);
  } else {
    server.log("timed out after " + (hardware.millis() - start) + " ms");
    server.log("more than 100 rounds: " + (rounds > 100));
  }
}
poll();
// Work below one tick is not carried over an idle gap: a short callback
// a second later still runs at its exact time.
imp.wakeup(1, function() {
  server.log("one second later at " + (hardware.millis() - start) + " ms");
});
