package cover

import (
	"errors"
	"strings"
	"testing"
)

// WriteHTML escapes what it writes of the sources and names: a source
// line holding markup shows as text, and a file it cannot read is listed
// with the reason.
func TestWriteHTMLEscapes(t *testing.T) {
	c := Counts{"a&b.nut": {1: 2, 2: 0}, "gone.nut": {1: 1}}
	read := func(file string) ([]byte, error) {
		if file == "gone.nut" {
			return nil, errors.New("no <such> file")
		}
		return []byte("print(\"<b>\" + 'x');\nif (a && b) {}\n// NUL \x00 here\n"), nil
	}
	var b strings.Builder
	if err := WriteHTML(&b, c, read); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<option value="file0">a&amp;b.nut (50.0%)</option>`,
		`<tr class="hit" data-line="1"><td class="n">1</td><td class="count">2</td><td class="text">print(&#34;&lt;b&gt;&#34; &#43; &#39;x&#39;);</td></tr>`,
		`<tr class="miss" data-line="2"><td class="n">2</td><td class="count">0</td><td class="text">if (a &amp;&amp; b) {}</td></tr>`,
		`<tr class="none" data-line="3"><td class="n">3</td><td class="count"></td><td class="text">// NUL ` + "\uFFFD" + ` here</td></tr>`,
		`<p class="missing">source not available: no &lt;such&gt; file</p>`,
		`<span id="summary">total 66.7% of 3 lines</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s:\n%s", want, page)
		}
	}
	if strings.Contains(page, "<b>") {
		t.Error("a source's markup reached the page unescaped")
	}
}
