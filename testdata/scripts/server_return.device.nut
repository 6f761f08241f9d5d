// impvm: --virtual --offline-at 50s+100s
// RETURN_ON_ERROR: Squirrel keeps running through an outage; server.log
// returns SEND_ERROR_NOT_CONNECTED (the message is lost); after impOS's
// 60 s of retries the unexpected-disconnect handler runs; only
// server.connect reconnects. print() still reaches the log.
server.setsendtimeoutpolicy(RETURN_ON_ERROR, WAIT_TIL_SENT, 10);
server.onunexpecteddisconnect(function(reason) {
  print("disconnected, reason " + reason + " (NO_SERVER is " + NO_SERVER + ")\n");
  imp.wakeup(30, function() {
    server.connect(function(r) {
      server.log("connect callback: " + r + " (SERVER_CONNECTED is " + SERVER_CONNECTED + ")");
    }, 30);
  });
});
local n = 0;
function tick() {
  n++;
  local r = server.log("tick " + n + ", connected " + server.isconnected());
  if (r != 0) print("tick " + n + ": server.log returned " + r + "\n");
  if (n < 10) imp.wakeup(20, tick);
}
tick();
