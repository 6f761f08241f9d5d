// Answered from agent_replay.cassette.json, matched by method, URL and body;
// a request the cassette has no answer for gets statuscode 7 and a log line.
function post(v) {
  local body = http.jsonencode({ temp = v }, { compact = true });
  http.post("https://api.example.com/readings", { "Content-Type": "application/json", "Authorization": "Bearer x" }, body)
    .sendasync(function(r) {
      server.log("posted " + v + ": " + r.statuscode + " " + r.body + " (" + ("content-type" in r.headers ? r.headers["content-type"] : "-") + ")");
    });
}
post(21.5);
imp.wakeup(60, function() { post(22); post(99); });
local r = http.get("https://api.example.com/config").sendsync();
server.log("config " + r.statuscode + " interval " + http.jsondecode(r.body).interval);
