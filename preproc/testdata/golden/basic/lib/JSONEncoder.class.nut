class JSONEncoder {
    static VERSION = "2.0.0";
}
