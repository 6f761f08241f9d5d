// Idioms found in published Electric Imp libraries (written for this test).
#require "Promise.lib.nut:4.0.0"
#require "JSONEncoder.class.nut:2.0.0"

const TIMEOUT = 30;
const BASE_URL = "https://example.com/api";
enum State { IDLE, BUSY = 5, DONE }

class Sensor </ description = "I2C sensor", version = [1, 2, 0] /> {
    static VERSION = "1.2.0";
    static REG_CTRL = 0x20;
    _i2c = null;
    _addr = null;

    constructor(i2c, addr = 0x32) {
        _i2c = i2c;
        _addr = addr & 0xFE;
    }

    function read(reg, count = 1) {
        local data = _i2c.read(_addr, reg.tochar(), count);
        if (data == null) throw "I2C read failed: " + _i2c.readerror();
        return data
    }

    function then(onOk = null, onErr = null) {
        onOk = (typeof onOk == "function") ? onOk : Sensor._identity;
        local self = this;
        return Promise(function(resolve, reject) {
            self._handlers.push({
                "resolve": resolve.bindenv(this),
                "onOk": onOk,
                "reject": reject.bindenv(this)
            });
        });
    }

    function finally(handler) { return then(handler, handler); }

    static function _identity(v) { return v; }
}

function parse(str, converter = null) {
    local state;
    local stack = []
    local
        result,
        token,
        tokenizer = Tokenizer();
    local string = {
        go = function () { state = "ok"; },
        ovalue = function () {
            value = this._convert(value, "string", converter);
        }.bindenv(this)
    };
    local action = {
        "{": { go = function () { stack.push({state = "ok"}); } },
        "}" : { ocomma = function () { container[key] <- value; } }
    };
    while (token = tokenizer.nextToken(str, start)) {
        if ("ptfn" == token.type) {
            action[token.value][state]();
        } else if ("number" == token.type) {
            number[state]();
        }
        start += token.length;
    }
    local count = converter.getinfos().parameters.len()
        - 1 /* "this" */;
    local min = @(a, b) a < b ? a : b;
    if (state != "ok" || regexp(@"[^\s]").capture(str, start)) {
        throw "JSON Syntax Error near `" + str.slice(start, min(str.len(), start + 10)) + "`";
    }
    return result;
}

function Sensor::reset() {
    ::print("reset\n");
}

local led = hardware.pin9;
led.configure(DIGITAL_OUT, 0);
local state = 0;
function blink() {
    state = 1 - state;
    led.write(state);
    imp.wakeup(0.5, blink);
}

agent.on("config", function(cfg) {
    foreach (k, v in cfg) {
        switch (k) {
            case "rate":
                rate = v.tointeger();
                break;
            case "name":
            default:
                server.log(format("%s=%s", k, v.tostring()));
        }
    }
});

local buf = blob(16);
buf.writen(0xDEADBEEF, 'i');
local regs = [0x00, 0x01, 0x7F, 4294967070];
for (local i = 0; i < regs.len(); i++) {
    if (regs[i] & 0x80) continue;
    else regs[i] = ~regs[i] & 0xFF;
}
local msg = @"multi-line
verbatim ""quoted"" text";
local t = { a = 1, b = 2 }
foreach (key, val in t) server.log(key + ": " + val)
try {
    blink()
} catch (err) {
    server.error(err)
}
