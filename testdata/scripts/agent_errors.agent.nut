function fails() { local t = {}; return t.missing; }
imp.wakeup(1, function() { fails(); });
imp.wakeup(2, function() {
  server.log("still running");
  imp.onunhandledexception(function(e) { server.log("caught by onunhandledexception: " + e); });
  device.on("tick", function(n) { throw "bad tick " + n; });
});
