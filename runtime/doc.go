// Package runtime owns what a running Squirrel program is made of: the
// 16-byte tagged Value (no allocation for integers, floats, bools, null),
// strings with precomputed hashes, tables laid out exactly like Squirrel
// 3.0.4's (so iteration order matches the imp), arrays, closures and
// outers, classes and instances, generators, weak references and host
// userdata; the bytecode (Proto, Instr) and the register VM that executes
// it without recursing on the Go stack for Squirrel calls; and Squirrel
// exceptions with their call stacks.
//
// It knows nothing of syntax (lang/ compiles into Proto) or of libraries
// (stdlib/ installs globals, host objects and default delegates through the
// native-binding kit in bind.go: Spec, Members, Kind, Constant (Enum,
// Flags), PayloadOf, and per-VM state with SetLocal/Local).
package runtime
