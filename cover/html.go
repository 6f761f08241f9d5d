package cover

import (
	"fmt"
	"io"
	"strings"
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
	_, err := io.WriteString(w, page.html())
	return err
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

// html is the page. It is written out directly (every text escaped by
// escapeHTML) rather than by html/template, whose package initialisation
// every impvm process would pay.
func (page htmlPage) html() string {
	var b strings.Builder
	b.WriteString(htmlHead)
	for _, f := range page.Files {
		fmt.Fprintf(&b, "<option value=\"%s\">%s (%s)</option>\n", escapeHTML(f.ID), escapeHTML(f.Name), escapeHTML(f.Percent))
	}
	fmt.Fprintf(&b, htmlTop, escapeHTML(page.Total))
	for _, f := range page.Files {
		fmt.Fprintf(&b, "<div class=\"file\" id=\"%s\" data-name=\"%s\" data-hit=\"%d\" data-found=\"%d\">\n",
			escapeHTML(f.ID), escapeHTML(f.Name), f.Hit, f.Found)
		if f.Missing != "" {
			fmt.Fprintf(&b, "<p class=\"missing\">source not available: %s</p>\n", escapeHTML(f.Missing))
		} else {
			b.WriteString("<table class=\"src\">\n")
			for _, l := range f.Lines {
				fmt.Fprintf(&b, "<tr class=\"%s\" data-line=\"%d\"><td class=\"n\">%d</td><td class=\"count\">%s</td><td class=\"text\">%s</td></tr>\n",
					escapeHTML(l.Class), l.N, l.N, escapeHTML(l.Count), escapeHTML(l.Text))
			}
			b.WriteString("</table>\n")
		}
		b.WriteString("<p class=\"filesummary\"></p>\n</div>\n")
	}
	b.WriteString(htmlScript)
	return b.String()
}

// escapeHTML makes s safe as HTML text or a quoted attribute value: the
// markup characters as references, '+' too (as html/template does,
// against UTF-7 sniffing), NUL as U+FFFD.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "&<>\"'+\x00") {
		return s
	}
	var b strings.Builder
	for _, c := range []byte(s) {
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case 0:
			b.WriteString("\uFFFD")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// The page around the file chooser's options and the files.
const (
	htmlHead = `<!DOCTYPE html>
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
`
	htmlTop = `</select>
<span id="summary">total %s</span>
<span class="legend"><span style="background:#d7f5d7">run</span><span style="background:#f9d4d4">not run</span><span style="color:#777">no statement</span></span>
</div>
`
	htmlScript = `<script>
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
`
)
