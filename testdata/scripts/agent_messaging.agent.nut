local got = [];
device.on("seq", function(n) {
  got.append(n);
  if (n == 5) {
    server.log("agent got " + got.len() + " in order: " + got[0] + got[1] + got[2] + got[3] + got[4]);
    for (local i = 1; i <= 3; i++) device.send("echo", i);
  }
});
device.on("args", function(...) { server.log("agent handler got " + vargv.len() + " argument(s)"); device.send("args", 1); });
device.on("again", function(d) { device.send("echo", "to a removed handler"); });
server.log("agent top level, before the device boots");
