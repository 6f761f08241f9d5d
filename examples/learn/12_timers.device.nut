// impvm: --virtual
// Lesson 12: timers and the event loop (device code).
//   impvm run --virtual examples/learn/12_timers.device.nut
//
// Device code runs its top level, then returns to impOS, which runs
// events one at a time: timers here, later network datagrams and agent
// messages. --virtual runs in virtual time: the clock jumps to the next
// event, so this minute of timers takes no time at all. Log lines show
// the device's clock.

server.log("top level starts, hardware.millis() = " + hardware.millis());

// imp.wakeup(seconds, callback) runs callback once, later.
imp.wakeup(2, function() {
  server.log("two seconds later");
});

// A timer that sets itself again is a repeating timer.
local ticks = 0;
function tick() {
  ticks++;
  server.log("tick " + ticks + " at " + hardware.millis() + " ms");
  if (ticks < 3) imp.wakeup(10, tick);
}
imp.wakeup(10, tick);

// imp.wakeup returns a handle; imp.cancelwakeup stops the timer.
local never = imp.wakeup(5, function() { server.log("never logged"); });
imp.cancelwakeup(never);

// imp.onidle runs once nothing else is waiting to run right now.
imp.onidle(function() {
  server.log("idle: the top level has finished");
});

// Nothing happens while the top level runs: timers wait for it to end.
server.log("top level ends");
