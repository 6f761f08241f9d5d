// Counter: a tiny library for the failing examples.
class Counter {
    n = 0;
    function inc() { return ++n; }
    function incLater(delay) {
        local self = this;
        return Promise(function(resolve, reject) {
            imp.wakeup(delay, function() { resolve(self.inc()); });
        });
    }
}
