// ThermoAgent: the agent half of the Thermo example. It turns readings
// into the JSON, query strings and credentials a web service wants.
class ThermoAgent {
    _user = null;
    _key = null;

    constructor(user, key) {
        _user = user;
        _key = key;
    }

    function encode(reading) {
        return http.jsonencode({ "celsius": reading, "unit": "C" });
    }

    function decode(text) {
        return http.jsondecode(text);
    }

    function query(params) {
        return http.urlencode(params);
    }

    function authorization() {
        return "Basic " + http.base64encode(_user + ":" + _key);
    }

    function url(path) {
        return http.agenturl() + path;
    }
}
