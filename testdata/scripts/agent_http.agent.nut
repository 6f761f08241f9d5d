http.onrequest(function(req, res) {
  server.log("request " + req.method + " " + req.path + " query " + http.jsonencode(req.query, {compact = true}) + " body '" + req.body + "' x-test " + ("x-test" in req.headers ? req.headers["x-test"] : "-"));
  if (req.path == "/later") imp.wakeup(2, function() { res.send(202, "later"); });
  else { res.header("X-Answer", "42"); res.send(200, "now"); }
});
function done(r) { server.log("response " + r.statuscode + " '" + r.body + "' x-answer " + ("x-answer" in r.headers ? r.headers["x-answer"] : "-")); }
http.get(http.agenturl() + "/now?a=1&b=two%20words", { "X-Test": "yes" }).sendasync(done);
http.post(http.agenturl() + "/later", {}, "payload").sendasync(done);
http.request("PUT", http.agenturl(), {}, "").sendasync(done);
local r = http.get(http.agenturl() + "/sync").sendsync();
server.log("sendsync: " + r.statuscode + " " + r.body);
http.get("https://example.com/").sendasync(function(r) { server.log("no network: " + r.statuscode + " " + r.body.slice(0, 40)); });

local t = { name = "hub", ok = true, n = 3, f = 21.5, list = [1, "two", null, [], {}], nested = { k = "v" }, fn = function() {} };
server.log(http.jsonencode(t));
server.log(http.jsonencode(t, { compact = true }));
server.log(http.jsonencode("quote \" backslash \\ newline \n tab \t"));
try { http.jsonencode({ b = blob(1) }); } catch (e) { server.log("blob: " + e); }
local d = http.jsondecode("{\"z\": [1, 2.5, -3e2, true, null, \"s\"], \"big\": 3000000000, \"a\": {\"b\": {}}}");
server.log(http.jsonencode(d, { compact = true }) + " big is " + typeof d.big);
try { http.jsondecode("{oops"); } catch (e) { server.log("bad JSON: " + e); }
server.log(http.urlencode({ a = "1 2", b = "x&y=z" }));
server.log(http.urlencode({ n = 12 }) + " " + http.urlencode({ f = 1.5 }));
class NoText { function _tostring() { throw "no text"; } }
try { http.urlencode({ t = NoText() }); } catch (e) { server.log("urlencode: " + e); }
server.log(http.jsonencode(http.urldecode("a=1%202&b=x%26y%3Dz&c"), { compact = true }));
server.log(http.base64encode("hello imp") + " " + http.base64decode("aGVsbG8gaW1w").tostring());
function hex(b) { local s = ""; foreach (x in b) s += format("%02x", x); return s; }
server.log("md5 " + hex(http.hash.md5("abc")));
server.log("sha1 " + hex(http.hash.sha1("abc")));
server.log("sha256 " + hex(http.hash.sha256("abc")));
server.log("hmacsha256 " + hex(http.hash.hmacsha256("The quick brown fox jumps over the lazy dog", "key")));
server.log("sha512 length " + http.hash.sha512("abc").len() + ", hmacsha1 length " + http.hash.hmacsha1("a", "k").len());
