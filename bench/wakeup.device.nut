// Callbacks through imp.wakeup: a chain of timers in virtual time, each
// callback doing a little work and scheduling the next.
local count = 0, sum = 0;
function tick(n) {
  sum = (sum + n * 7 + (count & 15)) % 1000003;
  count++;
  if (count < 100000) imp.wakeup(0.001, function() { tick(n + 1); });
  else server.log("ticks " + count + " sum " + sum);
}
imp.wakeup(0, function() { tick(0); });
