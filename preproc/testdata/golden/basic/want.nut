// Device code with libraries and Builder directives.
class Rocky {
    static VERSION = "2.0.2";
    _handlers = null;
}
class JSONEncoder {
    static VERSION = "2.0.0";
}

const API = "https://test.example.com";

// util.nut
const MAX_RETRIES = 3;
function clamp(x, lo, hi) {
    return x < lo ? lo : x > hi ? hi : x;
}
class Promise {
    static VERSION = "4.0.0";
}

hardware.uart12.configure(115200, 8, PARITY_NONE, 1, NO_CTSRTS);
server.log("built from main.nut line 19");
