package msg

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/impvm/impvm/runtime"
)

// DecodeJSON parses JSON text as http.jsondecode does: objects become
// tables (members inserted in document order), arrays arrays, integers
// that fit 32 bits integers, other numbers floats.
func DecodeJSON(text string) (runtime.Value, error) {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	v, err := jsonValue(d, 0)
	if err == nil {
		if _, extra := d.Token(); extra != io.EOF {
			err = errors.New("data after the JSON value")
		}
	}
	if err != nil {
		return runtime.Null, runtime.NewError("JSON parse error: " + err.Error())
	}
	return v, nil
}

func jsonValue(d *json.Decoder, depth int) (runtime.Value, error) {
	if depth >= maxDepth {
		return runtime.Null, errors.New("nested too deeply")
	}
	tok, err := d.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return runtime.Null, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return jsonArray(d, depth)
		}
		return jsonObject(d, depth)
	case string:
		return runtime.Str(t), nil
	case json.Number:
		return jsonNumber(t), nil
	case bool:
		return runtime.Bool(t), nil
	}
	return runtime.Null, nil
}

func jsonNumber(n json.Number) runtime.Value {
	if i, err := strconv.ParseInt(string(n), 10, 32); err == nil {
		return runtime.Int(int32(i))
	}
	f, _ := strconv.ParseFloat(string(n), 64)
	return runtime.Float(float32(f))
}

func jsonArray(d *json.Decoder, depth int) (runtime.Value, error) {
	var elems []runtime.Value
	for d.More() {
		v, err := jsonValue(d, depth+1)
		if err != nil {
			return runtime.Null, err
		}
		elems = append(elems, v)
	}
	_, err := d.Token() // ]
	return runtime.ArrayValue(runtime.NewArrayOf(elems)), err
}

func jsonObject(d *json.Decoder, depth int) (runtime.Value, error) {
	t := runtime.NewTable(0)
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return runtime.Null, err
		}
		v, err := jsonValue(d, depth+1)
		if err != nil {
			return runtime.Null, err
		}
		t.Set(runtime.Str(k.(string)), v)
	}
	_, err := d.Token() // }
	return runtime.TableValue(t), err
}
