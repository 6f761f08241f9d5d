// The agent's mqtt object without a broker to reach: the documented
// argument rules throw at once; a connection attempt ends, as an event,
// with onconnect(-1) (a socket error), noted once per broker in the log;
// what needs a connection throws.
function attempt(what, f) {
    try {
        f();
        server.log(what + ": ok");
    } catch (e) {
        server.log(what + ": " + e);
    }
}
server.log("qos " + mqtt.AT_MOST_ONCE + " " + mqtt.AT_LEAST_ONCE + " " + mqtt.EXACTLY_ONCE);
local a = mqtt.createclient();
local b = mqtt.createclient();
server.log(typeof a + " connected " + a.isconnected());
attempt("empty client ID", @() a.connect("tcp://broker.example.com:1883", ""));
local long = "";
for (local i = 0; i < 256; i++) long += "x";
attempt("256-character client ID", @() a.connect("tcp://broker.example.com:1883", long));
attempt("keepalive 10", @() a.connect("tcp://broker.example.com:1883", "imp", {keepalive = 10}));
local tries = 0;
a.onconnect(function(rc) {
    server.log("a onconnect " + rc + ", connected " + a.isconnected());
    if (++tries < 2) attempt("a reconnects", @() a.connect("ssl://broker.example.com:8883", "imp", {keepalive = 0, username = "u", password = "p"}));
});
attempt("a connects", @() a.connect("ssl://broker.example.com:8883", "imp", {keepalive = 30}));
attempt("a connects again while connecting", @() a.connect("ssl://broker.example.com:8883", "imp"));
attempt("b connects while a is connecting", @() b.connect("tcp://other.example.com", "imp2"));
attempt("a subscribes", @() a.subscribe("t/1", mqtt.AT_LEAST_ONCE));
attempt("a subscribes eleven topics", @() a.subscribe(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"], 0));
attempt("a unsubscribes", @() a.unsubscribe(["t/1"]));
local m = null;
attempt("createmessage", function() { m = a.createmessage("t/1", "hello", {qos = mqtt.AT_LEAST_ONCE, retain = true}); });
server.log(typeof m);
attempt("createmessage qos 3", @() a.createmessage("t/1", "hello", {qos = 3}));
attempt("createmessage of 256 KB and a byte", @() a.createmessage("t/1", blob(256 * 1024 + 1)));
attempt("sendasync", @() m.sendasync(function(rc) { server.log("sent " + rc); }));
imp.wakeup(1, function() {
    b.onconnect(function(rc) { server.log("b onconnect " + rc); });
    b.disconnect(function() { server.log("b disconnected"); });
    attempt("b connects", @() b.connect("tcp://other.example.com", "imp2"));
});
