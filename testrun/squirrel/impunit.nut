// impvm's built-in impUnit: ImpTestCase with impUnit's assertions and
// default messages, and a runner that finds and runs the test cases.
// Written for impvm from impUnit's documented behaviour.
//
// The host runs this before the test code, with vargv:
//   [0] report(type, case, method, message, where): results to the host
//   [1] call(fn, this): [true, result] or [false, message, where]
//   [2] timeout: seconds an asynchronous test may take
//   [3] stopOnFail: end the session at the first failure
//   [4] selected(name): whether the test "Case::method" is to run
//   [5] start: whether to start the session (false after a restart)
//   [6] setAbort(fn): the function the host calls to fail the running test
//   [7] session: the session's name, every test case's session slot
local __report = vargv[0];
local __call = vargv[1];
local __timeout = vargv[2];
local __stopOnFail = vargv[3];
local __selected = vargv[4];
local __start = vargv[5];
local __setAbort = vargv[6];
local __session = vargv[7];

class ImpTestCase {
    session = null;  // the session's name (impt: one per test file)
    assertions = 0;

    function assertTrue(condition, message = "Failed to assert that condition is true") {
        assertions++;
        if (!condition) throw message;
    }

    function assertEqual(expected, actual, message = "Expected value: %s, got: %s") {
        assertions++;
        if (expected != actual) throw format(message, expected + "", actual + "");
    }

    function assertGreater(actual, cmp, message = "Failed to assert that %s > %s") {
        assertions++;
        if (actual <= cmp) throw format(message, actual + "", cmp + "");
    }

    function assertLess(actual, cmp, message = "Failed to assert that %s < %s") {
        assertions++;
        if (actual >= cmp) throw format(message, actual + "", cmp + "");
    }

    function assertClose(expected, actual, maxDiff, message = "Expected value: %s±%s, got: %s") {
        assertions++;
        if (math.fabs(expected - actual) > maxDiff) throw format(message, expected + "", maxDiff + "", actual + "");
    }

    function assertBetween(actual, from, to, message = "Expected value the range of %s..%s, got %s") {
        assertions++;
        if (from > to) {
            local t = from;
            from = to;
            to = t;
        }
        if (actual < from || actual > to) throw format(message, from + "", to + "", actual + "");
    }

    // Deep comparison: forward (every slot of expected is in actual and
    // equal), then backward (nothing extra in actual).
    function assertDeepEqual(expected, actual, message = "Comparison failed on '%s': expected %s, got %s") {
        assertions++;
        _deepEqual(expected, actual, message, true, "", 0);
        _deepEqual(actual, expected, message, false, "", 0);
    }

    // The default args array is made once and shared by every call that
    // leaves it out, and ctx is inserted into it each time: impUnit's
    // behaviour, kept.
    function assertThrowsError(fn, ctx, args = [], message = "Function was expected to throw an error") {
        assertions++;
        args.insert(0, ctx);
        local threw = false, error = null;
        try {
            fn.acall(args);
        } catch (e) {
            threw = true;
            error = e;
        }
        if (!threw) throw message;
        return error;
    }

    function info(message = "") {
        __report("INFO", "", "", message + "", null);
    }

    // impt runs the command on the host computer (impvm test: with
    // --run-commands); the test goes on at once, and a command that
    // fails fails the test.
    function runCommand(command = "") {
        __report("EXTERNAL_COMMAND", "", "", command + "", null);
    }

    function _deepEqual(lhs, rhs, message, forward, path, level) {
        local expected = forward ? lhs : rhs;
        local actual = forward ? rhs : lhs;
        if (level > 32) throw "Possible cyclic reference at " + path;
        if (typeof lhs != typeof rhs) {
            throw format("Values are not the same type, typeof lhs = %s, typeof rhs = %s", typeof expected, typeof actual);
        }
        switch (typeof lhs) {
        case "table":
        case "class":
        case "array":
            foreach (k, v in lhs) {
                local p = path == "" ? k + "" : path + "." + k;
                if (!(k in rhs)) {
                    throw forward ? format(message, p, v + "", "none") : format(message, p, "none", v + "");
                }
                _deepEqual(v, rhs[k], message, forward, p, level + 1);
            }
            break;
        case "blob":
            if (lhs.len() != rhs.len()) {
                throw format("Blob lengths unequal, lhs.len() == %d, rhs.len() == %d", expected.len(), actual.len());
            }
            for (local i = 0; i < lhs.len(); i++) {
                if (lhs[i] != rhs[i]) {
                    throw format("Blobs are the same length (%d bytes), but the contents are not identical.", lhs.len());
                }
            }
            break;
        default:
            if (lhs != rhs) throw format(message, path, expected + "", actual + "");
        }
    }
}

// The test cases: classes of the root table that derive from
// ImpTestCase, in root-table order; their test* methods alphabetically,
// setUp before the first and tearDown after the last.
local __base = ImpTestCase;
local function __isTestCase(c) {
    for (local b = c.getbase(); b != null; b = b.getbase()) {
        if (b == __base) return true;
    }
    return false;
}

// impUnit gathers the test cases in a table keyed by name (inserted in
// root-table order) and runs them in that table's order; a case with no
// test methods still runs its setUp and tearDown.
local function __steps() {
    local cases = {};
    foreach (name, c in getroottable()) {
        if (typeof c != "class" || !__isTestCase(c)) continue;
        local methods = [], skipped = false;
        foreach (k, m in c) {
            if (typeof k == "string" && k.len() >= 4 && k.slice(0, 4) == "test" && typeof m == "function") {
                if (__selected(name + "::" + k)) {
                    methods.push(k);
                } else {
                    skipped = true;
                    __report("TEST_SKIP", name, k, null, null);
                }
            }
        }
        if (methods.len() == 0 && (skipped || !(__selected(name + "::setUp") || __selected(name + "::tearDown")))) continue;
        methods.sort();
        cases[name] <- [c, methods];
    }
    local steps = [];
    foreach (name, tc in cases) {
        local instance = tc[0]();
        instance.session = __session;
        if ("setUp" in instance) steps.push([name, instance, "setUp"]);
        foreach (m in tc[1]) steps.push([name, instance, m]);
        if ("tearDown" in instance) steps.push([name, instance, "tearDown"]);
    }
    foreach (s in steps) __report("TEST_PLAN", s[0], s[2], null, null);
    return steps;
}

local function __describe(e) {
    if (typeof e == "string") return e;
    if (e == null) return "null";
    try {
        return e.tostring();
    } catch (err) {
        return typeof e;
    }
}

local __all = null;
local __index = 0;
local __next = null;
local __pending = null; // [step, timer] of the asynchronous test waiting to settle

local function __finish() {
    local assertions = 0;
    local seen = {};
    foreach (s in __all) {
        if (!(s[0] in seen)) {
            seen[s[0]] <- true;
            assertions += s[1].assertions;
        }
    }
    __report("SESSION_RESULT", "", "", assertions + "", null);
}

local function __done(step, ok, message, where) {
    __report(ok ? "TEST_OK" : "TEST_FAIL", step[0], step[2], message, where);
    if (!ok && __stopOnFail) {
        __finish();
        return;
    }
    imp.wakeup(0, __next);
}

// __now is impUnit's clock: seconds of hardware.millis() on a device,
// time() on an agent.
local function __now() {
    return "hardware" in getroottable() ? hardware.millis().tofloat() / 1000 : time();
}

// __settle ends the asynchronous test step once: its promise settled, it
// timed out, or an error no code caught was raised while it ran.
local function __settle(step, ok, message, where) {
    if (__pending == null || __pending[0] != step) return;
    local timer = __pending[1];
    __pending = null;
    if (timer != null) imp.cancelwakeup(timer);
    __done(step, ok, message, where);
}

__next = function() {
    if (__index >= __all.len()) {
        __finish();
        return;
    }
    local step = __all[__index++];
    __report("TEST_START", step[0], step[2], null, null);
    collectgarbage();
    local instance = step[1];
    local startedAt = __now();
    local r = __call(instance[step[2]], instance);
    local result = r[0] ? r[1] : null;
    local async = result != null && (typeof result == "instance" || typeof result == "table") && "then" in result;
    if (!async) {
        // A synchronous test that blocked (imp.sleep) past the timeout
        // fails, whatever it did.
        local took = __now() - startedAt;
        if (took > __timeout) {
            __done(step, false, "Test took " + took + "s, longer than timeout of " + __timeout + "s", null);
            return;
        }
    }
    if (!r[0]) {
        __done(step, false, r[1], r[2]);
        return;
    }
    if (async) {
        __pending = [step, null];
        __pending[1] = imp.wakeup(__timeout, function() {
            __settle(step, false, "Test timed out after " + __timeout + "s", null);
        });
        result.then(function(value = null) {
            __settle(step, true, null, null);
        }, function(reason = null) {
            __settle(step, false, __describe(reason), null);
        });
        return;
    }
    __done(step, true, null, null);
};

// An error no code caught (in a timer or callback) fails the asynchronous
// test that is running, as impUnit does, and the session goes on. Returns
// whether a test took it.
__setAbort(function(message, where) {
    if (__pending == null) return false;
    __settle(__pending[0], false, message, where);
    return true;
});

if (__start) imp.wakeup(0, function() {
    __report("SESSION_START", "", "", null, null);
    __all = __steps();
    __next();
});
