package impnet

import (
	"time"

	"github.com/impvm/impvm/runtime"
)

// cellInfoDelay is how long the simulated modem takes to answer
// imp.net.getcellinfo(): the imp gathers the data asynchronously because
// the modem's answers take a while.
const cellInfoDelay = time.Second

// cellInfo is the simulated modem's answer per imp type: the example
// strings Electric Imp's imp.net.getcellinfo() page gives, a registered
// LTE cell for the impC001 (its modem's one-line report) and, for the
// imp006's Quectel modem, the answers to AT+CGREG?, AT+QCSQ and
// AT+QNWINFO, one per line.
var cellInfo = map[string]string{
	"impC001": "4G,6300,20,10,10,FDD,262,02,BF75,0345103,350,90,-94,-7,CONN",
	"imp006":  "2,5,\"544D\",\"8786\",0\n\"GSM\",-84\n\"EDGE\",\"23410\",\"GSM 900\",121",
}

// imp.net.getcellinfo(callback): callback(info) a second later with the
// modem's connection report, a modem-dependent string.
func (m *Module) getCellInfo(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	cb := args[1]
	held := m.vm.Hold(cb)
	info := runtime.Str(cellInfo[m.opts.ImpType])
	m.q.After(cellInfoDelay, func() error {
		held.Release()
		return m.call(cb, info)
	})
	return runtime.Null, nil
}
