// regexp(pattern): match, search, capture, subexpcount (sqstdrex dialect).
function r(t) { return t == null ? "null" : t.begin + "-" + t.end; }
function err(f) {
    try { f(); print("no error\n"); } catch (e) { print("error: " + e + "\n"); }
}
local re = regexp("(\\d+)-(\\d+)");
print(typeof re + " " + re.subexpcount() + "\n");
print(re.match("12-345") + " " + re.match("x12-345") + " " + re.match("12-") + "\n");
print(r(re.search("tel 12-345")) + " " + r(re.search("tel 12-345 6-7", 6)) + " " + r(re.search("none")) + "\n");
print(r(re.search("x12-3", 1.5)) + "\n");
local caps = re.capture("tel 12-345 6-7", 6);
local s = "";
foreach (c in caps) s += "[" + r(c) + "]";
print(caps.len() + " " + s + "\n");
print((re.capture("none") == null) + "\n");
local word = regexp("[a-z]+");
print(r(word.search("123 abc def", 7)) + " " + word.match("hello") + " " + word.match("Hello") + "\n");
caps = regexp("a(x)?b").capture("zab");
print(r(caps[0]) + " " + r(caps[1]) + "\n");
local anchored = regexp("^abc$");
print(anchored.match("abc") + " " + anchored.match("abcd") + "\n");
err(function() { regexp("(a"); });
err(function() { regexp("[b-a]"); });
err(function() { regexp(1); });
err(function() { regexp(); });
err(function() { re.match(1); });
err(function() { re.search(); });
// Nested quantifiers spinning on empty matches answer at once.
local spin = regexp("((a*)*)*b");
print(r(spin.search("xxxxxxxx")) + " " + r(spin.search("xxab")) + " " + spin.match("aab") + "\n");
// A pattern whose reference run takes billions of steps raises an error
// (impvm's step budget) and the regexp stays usable.
local bomb = regexp("a*(a*(a*(a*b)))");
local as = "";
for (local i = 0; i < 200; i++) as += "a";
err(function() { bomb.match(as); });
print(r(bomb.search("aab")) + " " + bomb.match("aab") + "\n");
