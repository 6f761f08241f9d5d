// impvm: --virtual --seed 3 --loss 0.2 --dup 0.1 --reorder 0.2 --latency 5ms..15ms sender.device.nut receiver.device.nut
// Seeded impairments: each datagram may be lost (--loss), arrive twice
// (--dup), be held back so later ones overtake it (--reorder), and takes
// 5-15 ms (--latency). The same seed gives the same run, byte for byte.
local netif = null;
local sock = null;
local n = 0;
function next() {
  n++;
  sock.send("192.168.1.11", 9000, "datagram " + n);
  if (n < 20) imp.wakeup(0.01, next);
  else sock.close();
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp();
  imp.wakeup(0.1, next);
});
