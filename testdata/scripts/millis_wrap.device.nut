// impvm: --virtual
// hardware.millis() and micros() are free-running signed 32-bit counters:
// micros goes negative after 2^31 us (about 35.8 minutes), millis after
// 2^31 ms (about 24.9 days).
function show(what) {
  server.log(what + ": millis " + hardware.millis() + " micros " + hardware.micros());
}
show("boot");
imp.wakeup(2147.48, function() {
  show("2147.48 s");
  imp.wakeup(0.01, function() {
    show("2147.49 s, micros wrapped");
    imp.wakeup(2145336, function() {
      show("2147483.49 s");
      imp.wakeup(0.2, function() { show("2147483.69 s, millis wrapped"); });
    });
  });
});
