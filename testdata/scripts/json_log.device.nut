// impvm: --virtual --log-format json
// One impCentral-API-style record per line; messages that are not safe
// UTF-8 strings (a blob of zero bytes here) show as binary.
server.log("hello \"json\"");
server.error("something failed");
imp.wakeup(1.5, function() {
  server.log(blob(2));
  print("printed\n");
});
