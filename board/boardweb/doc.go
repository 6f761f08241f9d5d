// Package boardweb is the board view: a web page on 127.0.0.1 showing,
// for every device of a run, what its board shows a person — each
// WS2812 LED as a colour swatch and every sensor reading over time as a
// small chart — and the same data as JSON (impvm run --board-view). It
// reads board.Watch views and changes nothing.
package boardweb
