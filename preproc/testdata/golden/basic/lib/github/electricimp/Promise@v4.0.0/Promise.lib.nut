class Promise {
    static VERSION = "4.0.0";
}
