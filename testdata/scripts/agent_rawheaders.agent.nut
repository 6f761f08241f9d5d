// rawheaders keeps what headers loses: repeated headers (two Set-Cookie
// lines) and each name as the server wrote it.
function cookies(r) {
  local out = [];
  foreach (h in r.rawheaders) {
    if (h.k.tolower() == "set-cookie") out.push(h.v.slice(0, h.v.find("=")));
  }
  return out;
}
function show(what, r) {
  local lines = [];
  foreach (h in r.rawheaders) lines.push(h.k + ": " + h.v);
  server.log(what + " " + r.statuscode + " rawheaders [" + lines.reduce(@(a, b) a + " | " + b) + "]");
}

local r = http.post("https://login.example.com/session", {}, "user=a").sendsync();
show("login", r);
server.log("headers set-cookie: " + r.headers["set-cookie"]);
server.log("cookies: " + cookies(r).reduce(@(a, b) a + "," + b));

// A cassette recorded before rawheaders were kept: made from headers.
show("old", http.get("https://api.example.com/old").sendsync());

// An answer from the agent's own handler: the headers as it set them.
http.onrequest(function(req, res) {
  res.header("X-Trace-ID", "t1");
  res.header("Cache-Control", "no-store");
  res.header("x-trace-id", "t2");
  res.send(200, "mine");
});
http.get(http.agenturl() + "/self").sendasync(function(r) {
  show("self", r);
  // An error answer has none.
  local e = http.get("https://nowhere.example.com/").sendsync();
  server.log("unreachable " + e.statuscode + ": " + e.rawheaders.len() + " rawheaders");
});
