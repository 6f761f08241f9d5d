// impvm's built-in Promise: the API of Electric Imp's Promise library
// (4.x) that impUnit tests use. Written for impvm from the library's
// documentation. Handlers run asynchronously, in events of their own
// (imp.wakeup(0)), in the order they were attached.
class Promise {
    static VERSION = "4.0.0";

    _state = 0;       // 0 pending, 1 fulfilled, 2 rejected
    _value = null;
    _handlers = null; // [onFulfilled, onRejected, resolve, reject]
    _queued = false;

    constructor(action) {
        _handlers = [];
        local self = this;
        local settled = false;
        local resolve = function(value = null) {
            if (settled) return;
            settled = true;
            self._resolve(value);
        };
        local reject = function(reason = null) {
            if (settled) return;
            settled = true;
            self._settle(2, reason);
        };
        try {
            action(resolve, reject);
        } catch (e) {
            reject(e);
        }
    }

    // then(onFulfilled[, onRejected]): a new Promise of the handler's
    // result; a missing handler passes the outcome on.
    function then(onFulfilled = null, onRejected = null) {
        local res = null, rej = null;
        local next = Promise(function(resolve, reject) {
            res = resolve;
            rej = reject;
        });
        _handlers.push([onFulfilled, onRejected, res, rej]);
        if (_state != 0) _queue();
        return next;
    }

    // fail(onRejected): then(null, onRejected).
    function fail(onRejected) {
        return then(null, onRejected);
    }

    // finally(handler): handler gets the value or the reason; the outcome
    // passes on unchanged.
    function finally(handler) {
        return then(function(value) {
            handler(value);
            return value;
        }, function(reason) {
            handler(reason);
            throw reason;
        });
    }

    function isPending() {
        return _state == 0;
    }

    // Promise.resolve(value), Promise.reject(reason)
    function resolve(value = null) {
        return Promise(function(res, rej) { res(value); });
    }

    function reject(reason = null) {
        return Promise(function(res, rej) { rej(reason); });
    }

    // Promise.all(promises): the array of their values, in order; the
    // first rejection rejects.
    function all(promises) {
        return Promise(function(resolve, reject) {
            local n = promises.len();
            local values = array(n);
            if (n == 0) {
                resolve(values);
                return;
            }
            foreach (i, p in promises) {
                local index = i;
                Promise._toPromise(p).then(function(v) {
                    values[index] = v;
                    if (--n == 0) resolve(values);
                }, reject);
            }
        });
    }

    // Promise.race(promises): the first to settle.
    function race(promises) {
        return Promise(function(resolve, reject) {
            foreach (p in promises) Promise._toPromise(p).then(resolve, reject);
        });
    }

    // Promise.loop(continueFunction, nextFunction): while
    // continueFunction() is true, wait for the Promise nextFunction()
    // returns; the value of the last one.
    function loop(continueFunction, nextFunction) {
        return Promise(function(resolve, reject) {
            local last = null;
            local step;
            step = function() {
                if (!continueFunction()) {
                    resolve(last);
                    return;
                }
                Promise._toPromise(nextFunction()).then(function(v) {
                    last = v;
                    step();
                }, reject);
            };
            step();
        });
    }

    // Promise.serial(series): Promises, or functions returning them, one
    // after the other; the value of the last.
    function serial(series) {
        local i = 0;
        return Promise.loop(function() { return i < series.len(); }, function() {
            local p = series[i++];
            return typeof p == "function" ? p() : p;
        });
    }

    function _toPromise(p) {
        if (p != null && (typeof p == "instance" || typeof p == "table") && "then" in p) return p;
        return Promise.resolve(p);
    }

    function _resolve(value) {
        if (value != null && value != this && (typeof value == "instance" || typeof value == "table") && "then" in value) {
            local self = this;
            try {
                value.then(function(v = null) { self._resolve(v); }, function(r = null) { self._settle(2, r); });
            } catch (e) {
                _settle(2, e);
            }
            return;
        }
        _settle(1, value);
    }

    function _settle(state, value) {
        if (_state != 0) return;
        _state = state;
        _value = value;
        if (_handlers.len() > 0) _queue();
    }

    function _queue() {
        if (_queued) return;
        _queued = true;
        local self = this;
        imp.wakeup(0, function() { self._run(); });
    }

    function _run() {
        _queued = false;
        local handlers = _handlers;
        _handlers = [];
        foreach (h in handlers) {
            local handler = _state == 1 ? h[0] : h[1];
            if (handler == null) {
                if (_state == 1) h[2](_value); else h[3](_value);
                continue;
            }
            local result = null;
            try {
                result = handler(_value);
            } catch (e) {
                h[3](e);
                continue;
            }
            h[2](result);
        }
    }
}
