// impvm's built-in JSONEncoder: JSONEncoder.encode(value) of Electric
// Imp's JSONEncoder library, which impUnit brings along. Written for
// impvm from the library's documentation. Tables and arrays nest; an
// instance with _serializeRaw() is written as that raw text, with
// _serialize() as what it returns, otherwise as a table of its members;
// a blob is written as a string of its bytes; functions and other values
// as their string forms.
class JSONEncoder {
    static VERSION = "2.0.0";

    function encode(value) {
        return JSONEncoder._encode(value, 0);
    }

    function _encode(value, depth) {
        if (depth > 32) throw "JSONEncoder: possible cyclic reference";
        switch (typeof value) {
        case "null":
            return "null";
        case "bool":
        case "integer":
            return value.tostring();
        case "float":
            local s = value.tostring();
            return s == "nan" || s == "inf" || s == "-inf" ? "null" : s;
        case "string":
            return JSONEncoder._quote(value);
        case "blob":
            return JSONEncoder._quote(value.tostring());
        case "array":
            local parts = [];
            foreach (v in value) parts.push(JSONEncoder._encode(v, depth + 1));
            return "[" + JSONEncoder._join(parts) + "]";
        case "instance":
            if ("_serializeRaw" in value) return value._serializeRaw().tostring();
            if ("_serialize" in value) return JSONEncoder._encode(value._serialize(), depth + 1);
            // fall through: the members, as a table
        case "table":
        case "class":
            local parts = [];
            foreach (k, v in value) {
                if (typeof v == "function") continue;
                parts.push(JSONEncoder._quote(k.tostring()) + ":" + JSONEncoder._encode(v, depth + 1));
            }
            return "{" + JSONEncoder._join(parts) + "}";
        default:
            return JSONEncoder._quote(value.tostring());
        }
    }

    function _join(parts) {
        local s = "";
        foreach (i, p in parts) s += (i > 0 ? "," : "") + p;
        return s;
    }

    function _quote(s) {
        local out = "\"";
        foreach (c in s) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c >= 0 && c < 32) out += format("\\u%04x", c);
                else out += format("%c", c);
            }
        }
        return out + "\"";
    }
}
