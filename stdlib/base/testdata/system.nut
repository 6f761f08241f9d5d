// time(), date([t[, 'l'|'u']]), clock(). The imp has no time zone: 'l' == 'u'.
function err(f) {
    try { f(); print("no error\n"); } catch (e) { print("error: " + e + "\n"); }
}
function show(d) {
    print(d.year + "-" + d.month + "-" + d.day + " " + d.hour + ":" + d.min + ":" + d.sec +
        " wday " + d.wday + " yday " + d.yday + " time " + d.time + " usec " + d.usec + "\n");
}
print(typeof time() + " " + (time() >= 0) + "\n");
local keys = [];
foreach (k, v in date()) keys.push(k);
keys.sort();
local s = "";
foreach (k in keys) s += k + " ";
print(s + "\n");
show(date(0));
show(date(1709214330, 'u'));
show(date(1709214330, 'l'));
show(date(1735689599));
show(date(59.9));
show(date(951782400));
print(typeof clock() + " " + (clock() >= 0) + "\n");
err(function() { date("x"); });
err(function() { date(0, "u"); }); // the imp ignores the format, whatever its type
err(function() { time(1); });
