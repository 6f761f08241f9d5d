// impvm: --virtual
// What survives agent.send and device.send: null, bool, integer, float,
// string, blob, arrays and tables with string keys, nested; a function,
// class, instance, non-string key or self-reference anywhere in the data
// fails the send with "skipped unserialisable data"; strings that are not UTF-8 or hold NUL bytes arrive as blobs;
// a message over 256 KB is not sent (SEND_ERROR_WOULDBLOCK).
class Thing {}
local b = blob(3); b[0] = 1; b[1] = 0; b[2] = 255;
local cyclic = [1, 2]; cyclic.append(cyclic);
local t = {};
t[1] <- "integer key"; t.kept <- "string key"; t[true] <- "bool key";
agent.send("value", null);
agent.send("value", true);
agent.send("value", -42);
agent.send("value", 0.125);
agent.send("value", "plain string");
agent.send("value", "nul\x00" + "inside");
agent.send("value", "bad utf8 \xff");
agent.send("value", b);
try { agent.send("value", function() {}); } catch (e) { server.log("refused: " + e); }
try { agent.send("value", Thing()); } catch (e) { server.log("refused: " + e); }
try { agent.send("value", [1, [2, [3, function() {}]], Thing, {x = {y = [null]}}]); } catch (e) { server.log("refused: " + e); }
try { agent.send("value", t); } catch (e) { server.log("refused: " + e); }
try { agent.send("value", cyclic); } catch (e) { server.log("refused: " + e); }
try { agent.send("value", { f = function() {}, i = Thing(), c = Thing, n = null, nested = { a = [b] } }); } catch (e) { server.log("refused: " + e); }
local big = blob(256 * 1024);
agent.send("value", [1, [2, [3]], {x = {y = [null]}}]);
agent.send("value", { n = null, nested = { a = [b] } });
server.log("256 KB: " + agent.send("value", big));
server.log("a little less: " + agent.send("value", blob(256 * 1024 - 100)).tostring());
agent.on("back", function(v) { server.log("device got " + typeof v + ": " + v.len() + " items, " + typeof v[2] + " " + v[2].len() + " bytes, " + v[3].k); });
