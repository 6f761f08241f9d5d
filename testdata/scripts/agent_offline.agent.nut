// Without --http live a run has no network: every outbound request fails
// as on an agent whose service is unreachable (statuscode 7), each time;
// the run's log notes that once per host, as a status line, not as the
// agent's error.
local n = 0;
function report(tag, r) {
    n++;
    server.log(tag + ": " + r.statuscode + (r.statuscode < 100 ? " (transport error)" : ""));
}
http.get("https://api.example.com/a").sendasync(function(r) { report("async a", r); });
report("sync b", http.post("https://api.example.com/b?x=1", {}, "x").sendsync());
report("sync other host", http.get("http://other.example.org").sendsync());
imp.wakeup(5, function() {
    http.request("PUT", "https://api.example.com/c", {}, "y").sendasync(function(r) {
        report("async c", r);
        server.log(n + " answers");
    });
});
