package host

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// docs/api.md is the table of every imp API member and its status in
// impvm. TestAPITable checks it against the members the code installs:
// a member added to the code and not the table, or listed as existing
// and not in the code, fails it. go test ./host -run APITable
// -update-api rewrites the generated columns (and adds missing rows with
// status "?", to be filled in by hand).

var updateAPI = flag.Bool("update-api", false, "rewrite docs/api.md's generated columns")

const apiTablePath = "../docs/api.md"

// vmCapture is a Module and AgentModule that keeps the VM it is given.
type vmCapture struct{ dev, agent *runtime.VM }

func (c *vmCapture) Install(_ *Device, vm *runtime.VM) error     { c.dev = vm; return nil }
func (c *vmCapture) InstallAgent(_ *Agent, vm *runtime.VM) error { c.agent = vm; return nil }

// apiProbe opens the objects that only exist once the code asks for them.
const apiProbe = `
if ("bluetooth" in hardware) __bt <- hardware.bluetooth.open(hardware.uartFGJH, "fw");
`

// agentProbe keeps one object of each kind the agent's methods return
// (as __kind_NAME), for their methods to be listed as kind.method.
const agentProbe = `
__kind_req <- http.get("http://127.0.0.1/");
__kind_stream <- http.poststream("http://127.0.0.1/", {}, function(r) {});
http.onrequest(function(req, res) { __kind_res <- res; res.send(200, "probed"); });
http.get(http.agenturl() + "/probe").sendasync(function(r) {});
__kind_mqttclient <- mqtt.createclient();
__kind_mqttmessage <- __kind_mqttclient.createmessage("t", "m");
`

// codeMembers lists every API member the code installs, per side, with
// the imp types that have it ("" for all, or for the agent).
func codeMembers(t *testing.T) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	for _, typ := range imptype.Names() {
		c := &vmCapture{}
		src := apiProbe
		if typ == "imp006" {
			src = strings.Replace(apiProbe, `hardware.uartFGJH, "fw"`, "", 1)
		}
		w, _ := newWorld(t, Config{Virtual: true, ImpType: typ, Modules: []Module{c}, AgentModules: []AgentModule{c},
			Agent: &Script{Path: "a.agent.nut", Source: []byte(agentProbe)}}, src)
		w.Run()
		for name := range membersOf(c.dev, "device") {
			found[name] = append(found[name], typ)
		}
		for name := range membersOf(c.agent, "agent") {
			found[name] = nil
		}
	}
	return found
}

// hardwareKinds are the kinds of hardware object docs/api.md lists the
// methods of, by the names of the members holding them (hardware.pin1,
// hardware.i2c89, hardware.spiflash …): typeof says "meta" for every one,
// as for the namespaces, so the name tells them apart.
var hardwareKinds = []string{"spiflash", "pwmpair", "pin", "i2c", "spi", "uart"}

// docKind is the kind docs/api.md lists a member of prefix as, or "" for
// a namespace to walk.
func docKind(prefix, member string, ud *runtime.UserData) string {
	if ud.TypeName != imp.MetaTypeName {
		return ud.TypeName
	}
	if prefix == "hardware" {
		for _, k := range hardwareKinds {
			if strings.HasPrefix(member, k) {
				return k
			}
		}
	}
	return ""
}

// membersOf walks the root's namespace objects (imp, hardware, server,
// device, http, …) and the kinds of host object their members hold.
func membersOf(vm *runtime.VM, side string) map[string]bool {
	out := map[string]bool{}
	var walk func(prefix string, members *runtime.Table)
	walk = func(prefix string, members *runtime.Table) {
		keys, vals := entries(members)
		for i, k := range keys {
			v := vals[i]
			name := prefix + "." + k
			switch {
			case v.Type() == runtime.TUserData && docKind(prefix, k, v.UserData()) == "":
				walk(name, v.UserData().Delegate)
			case v.Type() == runtime.TUserData:
				kind := docKind(prefix, k, v.UserData())
				if prefix == "hardware" && strings.HasPrefix(k, kind) {
					name = prefix + "." + kind + "*" // hardware.pin1, pinA … as one row
				}
				out[side+" "+name+" ("+kind+")"] = true
				walkKind(out, side, kind, v.UserData().Delegate)
			default:
				out[side+" "+name] = true
			}
		}
	}
	keys, vals := entries(vm.Root())
	for i, k := range keys {
		v := vals[i]
		if k == "__bt" { // the radio before hardware.bluetooth opens it
			walkKind(out, side, "bluetooth", v.UserData().Delegate)
			continue
		}
		if strings.HasPrefix(k, "__kind_") {
			walkKind(out, side, v.UserData().TypeName, v.UserData().Delegate)
			continue
		}
		if v.Type() == runtime.TUserData && v.UserData().TypeName == imp.MetaTypeName {
			walk(k, v.UserData().Delegate)
		}
	}
	return out
}

// walkKind lists a host object kind's methods once, as kind.method.
func walkKind(out map[string]bool, side, kind string, members *runtime.Table) {
	keys, _ := entries(members)
	for _, k := range keys {
		out[side+" "+kind+"."+k] = true
	}
}

// entries lists a table's keys and values.
func entries(t *runtime.Table) (keys []string, vals []runtime.Value) {
	for i := 0; ; {
		k, v, next, ok := t.Next(i)
		if !ok {
			return keys, vals
		}
		if k.Type() == runtime.TString {
			keys, vals = append(keys, k.Str()), append(vals, v)
		}
		i = next
	}
}

// apiRow is one row of docs/api.md.
type apiRow struct {
	side, member, types, status, notes string
}

func (r apiRow) key() string { return r.side + " " + r.member }

func readAPITable(t *testing.T) (head string, rows []apiRow) {
	t.Helper()
	b, err := os.ReadFile(apiTablePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "| Side |")
	if i < 0 {
		t.Fatalf("%s has no table", apiTablePath)
	}
	head = text[:i]
	for _, line := range strings.Split(text[i:], "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) != 5 {
			t.Fatalf("bad row %q", line)
		}
		rows = append(rows, apiRow{cells[0], strings.Trim(cells[1], "`"), cells[2], cells[3], cells[4]})
	}
	return head, rows
}

func writeAPITable(t *testing.T, head string, rows []apiRow) {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("| Side | Member | imp types | Status | Notes |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", r.side, r.member, r.types, r.status, r.notes)
	}
	if err := os.WriteFile(apiTablePath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func typesColumn(types []string) string {
	if len(types) == 0 || len(types) == len(imptype.Names()) {
		return "all"
	}
	return strings.Join(types, ", ")
}

func TestAPITable(t *testing.T) {
	code := codeMembers(t)
	head, rows := readAPITable(t)
	var problems []string
	inTable := map[string]bool{}
	for i, r := range rows {
		inTable[r.key()] = true
		types, inCode := code[r.key()]
		switch {
		case r.status == "not supported" && inCode:
			problems = append(problems, r.key()+": in the code but marked not supported")
		case r.status != "not supported" && !inCode:
			problems = append(problems, r.key()+": in the table but not in the code")
		case inCode && r.types != typesColumn(types):
			problems = append(problems, fmt.Sprintf("%s: imp types %q, code has %q", r.key(), r.types, typesColumn(types)))
			rows[i].types = typesColumn(types)
		case !slices.Contains([]string{"complete", "simulated", "not supported"}, r.status):
			problems = append(problems, r.key()+": status "+r.status+" (want complete, simulated or not supported)")
		}
	}
	for k, types := range code {
		if !inTable[k] {
			problems = append(problems, k+": in the code but not in the table")
			side, member, _ := strings.Cut(k, " ")
			rows = append(rows, apiRow{side, member, typesColumn(types), "?", ""})
		}
	}
	if *updateAPI {
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].key() < rows[j].key() })
		writeAPITable(t, head, rows)
		return
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}
