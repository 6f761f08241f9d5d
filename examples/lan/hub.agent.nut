// Agent of the sensor hub: keeps the latest reading of every node that
// the hub (hub.device.nut) forwards, and serves them as a web page and as
// JSON.
//
//   impvm run examples/lan/hub.device.nut examples/lan/node.device.nut \
//       examples/lan/node.device.nut examples/lan/node.device.nut
//
// impvm pairs this file with hub.device.nut (it sits beside it) and
// prints the agent's URL; open it in a browser. Routes:
//   GET /                the page: one row per node, refreshed every 2 s
//   GET /readings.json   { "count": N, "nodes": [ { "node", "seq",
//                        "temperature", "humidity", "time", "readings",
//                        "history": [ [temperature, humidity], ... ] } ] }
// The page draws each node's last HISTORY readings as a small chart.
// Anything else is 404.
//
// The page is a verbatim string passed through format(), as Electric
// Imp's sample agents do: %s marks the values, %% a literal percent sign.

const PAGE = @"<!DOCTYPE html>
<html lang=""en"">
<head>
<meta charset=""utf-8"">
<title>Sensor hub</title>
<style>
  body { font-family: sans-serif; margin: 2em auto; max-width: 40em; }
  table { border-collapse: collapse; width: 100%%; }
  th, td { border-bottom: 1px solid #ccc; padding: 0.4em; text-align: left; }
  .num { text-align: right; }
  #status { color: #666; }
  svg.spark { vertical-align: middle; background: #fafafa; }
  svg.spark polyline { fill: none; stroke-width: 1.5; }
</style>
</head>
<body>
<h1>Sensor hub</h1>
<p id=""status"">%s</p>
<table>
<thead><tr><th>Node</th><th class=""num"">Temperature</th><th class=""num"">Humidity</th><th class=""num"">Sequence</th><th>Received (UTC)</th><th>Recent</th></tr></thead>
<tbody id=""nodes"">%s</tbody>
</table>
<script>
function cell(text, num) {
  var td = document.createElement('td');
  td.textContent = text;
  if (num) td.className = 'num';
  return td;
}
// spark draws values (oldest first) as a 120x28 line: temperature red,
// humidity blue, each scaled to its own range.
function spark(history) {
  var ns = 'http://www.w3.org/2000/svg';
  var svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', 120);
  svg.setAttribute('height', 28);
  [[0, '#c0392b'], [1, '#2471a3']].forEach(function (q) {
    var vals = history.map(function (h) { return h[q[0]]; });
    if (vals.length < 2) return;
    var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
    if (hi - lo < 1e-6) { lo -= 1; hi += 1; }
    var pts = vals.map(function (v, i) {
      return (2 + i * 116 / (vals.length - 1)).toFixed(1) + ',' + (26 - (v - lo) / (hi - lo) * 24).toFixed(1);
    });
    var line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', pts.join(' '));
    line.setAttribute('stroke', q[1]);
    svg.appendChild(line);
  });
  var td = document.createElement('td');
  td.appendChild(svg);
  return td;
}
function show(data) {
  var body = document.getElementById('nodes');
  body.textContent = '';
  data.nodes.forEach(function (n) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-node', n.node);
    tr.appendChild(cell(n.node));
    tr.appendChild(cell(n.temperature.toFixed(1) + ' \u00b0C', true));
    tr.appendChild(cell(n.humidity + ' %%RH', true));
    tr.appendChild(cell(n.seq, true));
    tr.appendChild(cell(n.time));
    tr.appendChild(spark(n.history));
    body.appendChild(tr);
  });
  document.getElementById('status').textContent =
    data.count + ' node(s) reporting, updated ' + new Date().toLocaleTimeString();
}
function refresh() {
  fetch('readings.json').then(function (r) { return r.json(); }).then(show).catch(function () {});
}
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
";

const ROW = @"<tr data-node=""%s""><td>%s</td><td class=""num"">%.1f &deg;C</td><td class=""num"">%d %%RH</td><td class=""num"">%d</td><td>%s</td><td></td></tr>";

const HISTORY = 60; // readings per node the page charts

latest <- {}; // node address -> its latest reading

// stamp is a UTC time as "YYYY-MM-DD HH:MM:SS".
function stamp(t) {
    local d = date(t);
    return format("%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month + 1, d.day, d.hour, d.min, d.sec);
}

// escape makes text safe inside HTML.
function escape(s) {
    local out = "";
    foreach (c in s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c.tochar();
        }
    }
    return out;
}

// nodes lists the latest readings, ordered by node address.
function nodes() {
    local list = [];
    foreach (node, r in latest) list.append(r);
    list.sort(function(a, b) { return a.node <=> b.node; });
    return list;
}

function page() {
    local rows = "";
    foreach (r in nodes()) {
        local n = escape(r.node);
        rows += format(ROW, n, n, r.temperature, r.humidity, r.seq, r.time);
    }
    local status = latest.len() == 0 ? "Waiting for the first readings..." : latest.len() + " node(s) reporting";
    return format(PAGE, status, rows);
}

device.on("reading", function(r) {
    local prev = r.node in latest ? latest[r.node] : { readings = 0, history = [] };
    local history = prev.history;
    history.append([r.temperature, r.humidity]);
    if (history.len() > HISTORY) history.remove(0);
    latest[r.node] <- {
        node = r.node, seq = r.seq, temperature = r.temperature, humidity = r.humidity,
        time = stamp(time()), readings = prev.readings + 1, history = history
    };
});

http.onrequest(function(request, response) {
    if (request.method != "GET") {
        response.send(405, "GET only");
    } else if (request.path == "/" || request.path == "") {
        response.header("Content-Type", "text/html; charset=utf-8");
        response.send(200, page());
    } else if (request.path == "/readings.json") {
        response.header("Content-Type", "application/json");
        response.header("Cache-Control", "no-store");
        response.send(200, http.jsonencode({ count = latest.len(), nodes = nodes() }));
    } else {
        response.send(404, "Not found: " + request.path);
    }
});

server.log("Sensor hub agent ready: open " + http.agenturl() + "/ to see the readings");
