// Thermo: a small device library, the example of testing a library with
// impvm test. It turns raw 16-bit readings into degrees, keeps a short
// history, and takes readings asynchronously.
#require "Promise.lib.nut:4.0.0"

class Thermo {
    static VERSION = "1.0.0";

    _read = null;    // function returning a raw reading, 0 .. 65535
    _history = null;
    _size = 0;

    constructor(readFn, size = 4) {
        if (typeof readFn != "function") throw "Thermo: readFn must be a function";
        if (size < 1) throw "Thermo: size must be at least 1";
        _read = readFn;
        _size = size;
        _history = [];
    }

    // A raw reading in degrees Celsius: 0 .. 65535 spans -40 .. 125.
    function toCelsius(raw) {
        return -40.0 + raw * 165.0 / 65535;
    }

    function toFahrenheit(celsius) {
        return celsius * 9.0 / 5 + 32;
    }

    // Takes a reading and remembers it (the last _size readings).
    function sample() {
        local c = toCelsius(_read());
        _history.push(c);
        if (_history.len() > _size) _history.remove(0);
        return c;
    }

    function average() {
        if (_history.len() == 0) return null;
        local sum = 0.0;
        foreach (v in _history) sum += v;
        return sum / _history.len();
    }

    function summary() {
        return {
            count = _history.len(),
            average = average(),
            history = clone _history,
            units = ["C", "F"]
        };
    }

    // A Promise of a reading taken after delay seconds; rejected with
    // "sensor fault" when the raw reading is negative.
    function readAsync(delay) {
        local self = this;
        return Promise(function(resolve, reject) {
            imp.wakeup(delay, function() {
                local raw = self._read();
                if (raw < 0) reject("sensor fault");
                else resolve(self.toCelsius(raw));
            });
        });
    }

    // The history as a blob: a count byte, then each reading in
    // hundredths of a degree, 16-bit little-endian.
    function pack() {
        local b = blob();
        b.writen(_history.len(), 'b');
        foreach (v in _history) b.writen((v * 100).tointeger(), 'w');
        return b;
    }
}
