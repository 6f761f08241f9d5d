package cover

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
)

// WriteHTML writes a self-contained HTML page (no outside resources) of
// the sources of c's files, like go tool cover's: a file chooser with each
// file's coverage, and each file's lines marked as run (green, with its
// count), not run (red) or holding no statement (grey). read gives a
// file's text; a file it cannot read is listed without its source.
func WriteHTML(w io.Writer, c Counts, read func(file string) ([]byte, error)) error {
	page := htmlPage{}
	var hitAll, foundAll int
	for i, file := range c.Files() {
		hit, found := c.Hit(file)
		hitAll += hit
		foundAll += found
		f := htmlFile{ID: fmt.Sprintf("file%d", i), Name: file, Hit: hit, Found: found,
			Percent: fmt.Sprintf("%.1f%%", percent(hit, found))}
		text, err := read(file)
		if err != nil {
			f.Missing = err.Error()
		} else {
			for n, src := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
				l := htmlLine{N: n + 1, Text: strings.TrimRight(src, "\r"), Class: "none"}
				if hits, ok := c[file][n+1]; ok {
					l.Count = fmt.Sprint(hits)
					l.Class = "miss"
					if hits > 0 {
						l.Class = "hit"
					}
				}
				f.Lines = append(f.Lines, l)
			}
		}
		page.Files = append(page.Files, f)
	}
	page.Total = fmt.Sprintf("%.1f%% of %d lines", percent(hitAll, foundAll), foundAll)
	return htmlTemplate().Execute(w, page)
}

type (
	htmlPage struct {
		Files []htmlFile
		Total string
	}
	htmlFile struct {
		ID, Name, Percent, Missing string
		Hit, Found                 int
		Lines                      []htmlLine
	}
	htmlLine struct {
		N           int
		Count, Text string
		Class       string // "hit", "miss" or "none"
	}
)

// htmlTemplate is parsed on first use: a run without --html does not pay
// for it at start-up.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("cover").Parse(`<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>impvm coverage</title>
<style>
body { background: #fff; color: #222; font-family: sans-serif; margin: 0; }
#top { position: sticky; top: 0; background: #eee; padding: 6px 10px; border-bottom: 1px solid #ccc; }
#summary { margin-left: 1em; }
.legend span { margin-left: 1em; }
table.src { border-collapse: collapse; font-family: monospace; font-size: 13px; margin: 8px 10px; }
table.src td { padding: 0 6px; white-space: pre; }
td.n, td.count { color: #888; text-align: right; user-select: none; }
tr.hit td.text { background: #d7f5d7; }
tr.miss td.text { background: #f9d4d4; }
tr.none td.text { color: #777; }
.missing { margin: 8px 10px; color: #a00; }
</style>
</head>
<body>
<div id="top">
<select id="files">
{{range .Files}}<option value="{{.ID}}">{{.Name}} ({{.Percent}})</option>
{{end}}</select>
<span id="summary">total {{.Total}}</span>
<span class="legend"><span style="background:#d7f5d7">run</span><span style="background:#f9d4d4">not run</span><span style="color:#777">no statement</span></span>
</div>
{{range .Files}}<div class="file" id="{{.ID}}" data-name="{{.Name}}" data-hit="{{.Hit}}" data-found="{{.Found}}">
{{if .Missing}}<p class="missing">source not available: {{.Missing}}</p>
{{else}}<table class="src">
{{range .Lines}}<tr class="{{.Class}}" data-line="{{.N}}"><td class="n">{{.N}}</td><td class="count">{{.Count}}</td><td class="text">{{.Text}}</td></tr>
{{end}}</table>
{{end}}<p class="filesummary"></p>
</div>
{{end}}<script>
(function() {
  var files = document.querySelectorAll("div.file");
  files.forEach(function(f) {
    var hit = f.querySelectorAll("tr.hit").length, miss = f.querySelectorAll("tr.miss").length;
    f.querySelector("p.filesummary").textContent = f.dataset.name + ": " + hit + " lines run, " + miss + " not run";
  });
  var sel = document.getElementById("files");
  function show() {
    files.forEach(function(f) { f.style.display = f.id == sel.value ? "block" : "none"; });
  }
  sel.addEventListener("change", show);
  show();
})();
</script>
</body>
</html>
`))
})
