// impvm: --virtual
// imp.sleep blocks the device: its clock moves on, and timers that fall
// due meanwhile run late, after the event that slept.
imp.wakeup(1, function() { server.log("1 s timer, run late at " + hardware.millis() + " ms"); });
imp.wakeup(0, function() { server.log("idle after the sleep at " + hardware.millis() + " ms"); });
server.log("before sleep " + hardware.millis() + " ms, time() " + time());
imp.sleep(2.5);
server.log("after sleep " + hardware.millis() + " ms, micros " + hardware.micros() + ", time() " + time());
imp.wakeup(0.5, function() {
  server.log("0.5 s timer set after the sleep, at " + hardware.millis() + " ms");
  imp.sleep(0.000123);
  server.log("micros after 123 us more: " + hardware.micros());
});
