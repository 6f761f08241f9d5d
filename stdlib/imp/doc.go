// Package imp is the device's imp object (wakeup, cancelwakeup, onidle,
// sleep, deep sleep and reset, onunhandledexception, identity and
// version queries), the WAKEREASON_* and ENVIRONMENT_* constants, the nv
// table that survives Squirrel restarts, and the agent's imp object.
// stdlib/hardware is the hardware object; imp.net is installed by
// stdlib/impnet on the same namespace object (see Namespace).
//
// Timers have centisecond resolution: an interval is rounded to the
// nearest 0.01 s, and any positive interval waits at least 0.01 s;
// imp.wakeup(0, f) queues f like an idle handler (after every event due
// now), in the order of the calls, and still returns a timer that
// imp.cancelwakeup accepts. imp.onidle keeps one handler, fired once when
// the device's queue drains. imp.sleep blocks the device: in virtual time
// its clock moves on and its events wait; in wall time the process really
// sleeps.
//
// Where each member lives:
//
//	imp.go        Open, the Module of one run, the imp object's spec list;
//	              info, environment, getmemoryfree, get/setpowersave,
//	              onunhandledexception, reset, deepsleepfor/until;
//	              WAKEREASON_* and ENVIRONMENT_*
//	timers.go     wakeup, cancelwakeup, onidle, sleep (and timer handles)
//	wifi.go       getssid, getbssid, getchannel, getrssi, rssi,
//	              get/setcountry, scanwifinetworks
//	config.go     clearconfiguration, setwificonfiguration,
//	              setstaticnetworkconfiguration, setproxy, setenroltokens,
//	              setnvramimage, setsendbuffersize, getethernetspeed,
//	              get/setpoweren; CONFIG_* and PROXY_TYPE_*
//	userconfig.go set/getuserconfiguration: 4 KB of user data in flash
//	legacy.go     imp.configure, InputPort and OutputPort of the pre-2014 API
//	nv.go         the nv table kept across Squirrel restarts
//	meta.go       namespace objects (NewMeta, Namespace)
//	agent.go      the device's agent object (agent.send, agent.on)
//	agentstub.go  agent.send on a device without an agent
//	agentimp.go   the agent's imp object
//
// imp, hardware and server are "meta" objects, not tables: typeof gives
// "meta", members are read with '.', foreach and 'in' do not see them.
package imp
