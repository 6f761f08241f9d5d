// Package msg is agent–device messaging as both sides of the pairing see
// it: the imp's serializer (Encode, Decode), the 256 KB message limit and
// the per-name handler table behind agent.on and device.on.
//
// Serialization follows the imp's rules: null, bool, integer, float,
// blob, strings, arrays of serializable values and tables whose keys are
// safe strings. A string that is not safe (invalid UTF-8, or holding a
// NUL byte) arrives as a blob. Functions, classes, instances (other than
// blobs), meta objects and other host objects are not serializable: as
// members of an array or table they are dropped silently, and as the
// whole message they arrive as null. A table member whose key is not a
// safe string is dropped too. A container that contains itself has the
// inner reference dropped; shared (acyclic) references arrive as copies.
//
// Encode produces a self-contained byte string, so a message never shares
// objects between two VMs; its length (plus the message name) is what the
// 256 KB limit applies to.
package msg
