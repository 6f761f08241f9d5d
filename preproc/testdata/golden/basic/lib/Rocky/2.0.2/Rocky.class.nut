class Rocky {
    static VERSION = "2.0.2";
    _handlers = null;
}
