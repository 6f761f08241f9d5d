// Package examples holds the example programs shipped with impvm — the
// lessons of learn/ and the LAN demo of lan/ — as files for people and
// as an embedded file system for the playground, which offers them as
// ready examples.
package examples

import "embed"

// FS holds learn/ and lan/ as they are in the repository.
//
//go:embed learn lan
var FS embed.FS
