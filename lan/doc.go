// Package lan is impvm's local network: what a device's imp.net.* and
// udpsocket bindings sit on. It knows nothing of the VM.
//
// # impOS rules, one place for both backends
//
// [NIC] and [Socket] apply impOS's rules above any backend:
// destinations must be dotted-quad IPv4 in 10/8, 172.16/12, 192.168/16,
// the subnet broadcast or 255.255.255.255 ([CheckDest]); destination
// ports 0-65535 except 67 and 68 ([CheckPort]); local ports 1024-65535 and
// free ([CheckBindPort], [ErrInUse]); payloads of at most 65507 bytes
// ([CheckPayload]). Violations are *[Error] values whose text is what the
// script sees as an exception; a bad address also closes the socket, as
// the impOS documentation says. Otherwise Send returns a send() code:
// [SendOK], [SendErrorNotConnected] (link down) or [SendErrorWouldBlock]
// (rate-limited by the per-device [Bucket]: 100 burst, 25/s on the device
// clock). A socket opened without a port is bound on its first send.
// [Socket.SetReady] lets the binding layer report an interface that is
// up but not yet usable (still getting its address) as code 1 too, and
// [Config.NoRateLimit] / [HostOptions].NoRateLimit lift the rate limit as
// a simulation knob for load tests.
//
// # Virtual backend
//
// [New] makes a deterministic in-process [Network] (default
// 192.168.1.0/24, gateway .1, devices from .10 in [Network.Attach] order,
// MACs 0c:2a:69:00:00:01 up unless [Network.AttachNIC] gives the
// device's own MAC and clock). Delivery is never immediate: each datagram
// is a scheduled event on the host's [Scheduler], delivered to the
// socket's [Handler] at its due time. The network keeps datagrams in
// flight in its own queue (a heap for those sent out of due order) and schedules one shared func per datagram, so
// a send costs one allocation (the payload copy, shared by every receiver
// of a broadcast).
//
// Decisions (the imp documentation is silent):
//   - A broadcast (subnet or 255.255.255.255) reaches every socket bound
//     to the port on every other device, with toAddress as the sender
//     wrote it. The sender does not hear its own broadcast (an imp does
//     not); [Config.LoopBroadcast] gives Linux's behaviour instead.
//     Receivers are the sockets bound when the datagram is sent.
//   - Unicast to the device's own address is delivered (as on Linux).
//   - Silently dropped, send() still returning 0: unicast to an address
//     no device holds (gateway, unused host, anything off the subnet —
//     traffic does not cross routers), and, at arrival time, a receiver
//     whose link is down, no socket on the port, or a socket with no
//     handler. [Network.Stats] counts them.
//   - Impairments are per receiver, drawn from one PRNG seeded by
//     [Config.Seed] in a fixed order, so a run is byte-reproducible: loss,
//     duplication, latency uniform in LatencyMin..LatencyMax, and reorder
//     (an extra ReorderDelay hold). [Config.Links] schedules link
//     down/up; [NIC.OnLink] tells the host.
//   - The pcap ([PcapWriter], --pcap) records frames as the sender puts
//     them on the wire: one per send that leaves the device, before
//     impairments, stamped with virtual time.
//
// # UDP backend
//
// [OpenHost] (--net udp --iface NAME, Linux) gives the device the host
// interface's address, netmask, broadcast, gateway and MAC. Sockets bind
// 0.0.0.0:port with SO_BROADCAST and SO_BINDTODEVICE and read each
// datagram's destination through golang.org/x/net/ipv4 control messages,
// so toAddress distinguishes unicast from broadcast. Reader goroutines
// hand datagrams to the loop through [HostOptions].Post; handlers run
// only there. Linux's looped-back copies of a device's own broadcasts are
// dropped unless [HostOptions].LoopBroadcast.
//
// All NIC and Socket methods must be called from the device's event loop.
package lan
