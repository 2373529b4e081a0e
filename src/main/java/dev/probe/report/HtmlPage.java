package dev.probe.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell of every HTML page the tool writes: one self-contained document (inline CSS, inline SVG, one small inline
 * script that sorts tables; no external resources), a title, a muted line under it, and a table of contents built
 * from the body's {@code <h2 id=…>} headings.
 */
public final class HtmlPage {
    private static final Pattern HEADING = Pattern.compile("<h2 id=\"([^\"]+)\">(.*?)</h2>");

    private static final String CSS = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 2em auto;
              max-width: 1100px; padding: 0 1em; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            h3 { font-size: 1.05em; margin: 1em 0 0.3em; }
            p.meta { color: #666; margin-top: 0; }
            nav.toc { background: #f7f7f7; border: 1px solid #e2e2e2; padding: 0.4em 1em; font-size: 0.92em; }
            nav.toc ol { margin: 0.2em 0; padding-left: 1.4em; columns: 2; }
            table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
            th, td { border: 1px solid #d6d6d6; padding: 0.25em 0.6em; vertical-align: top; }
            th { background: #f2f2f2; text-align: left; }
            table.sortable th { cursor: pointer; user-select: none; }
            table.sortable th[aria-sort=ascending]::after { content: " ▲"; }
            table.sortable th[aria-sort=descending]::after { content: " ▼"; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) { background: #fafafa; }
            details { margin: 0.3em 0; }
            details > summary { cursor: pointer; }
            figure { margin: 1em 0; }
            figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { color: #666; font-size: 0.9em; }
            .bar { display: inline-block; height: 0.8em; background: #4c78a8; vertical-align: middle; }
            .pos { color: #b2182b; }
            .neg { color: #2166ac; }
            .ctx { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
            .ctx span.w { unicode-bidi: isolate; padding: 0 0.1em; border-radius: 2px; }
            .ctx mark { background: #ffe08a; font-weight: bold; }
            """;

    /** Sorts a {@code table.sortable} by the clicked column: numerically when every cell is a number, else as text. */
    private static final String SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function (t) {
              t.querySelectorAll('thead th').forEach(function (th, col) {
                th.addEventListener('click', function () {
                  var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                  var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                  var key = function (r) { return r.cells[col] ? r.cells[col].textContent.trim() : ''; };
                  var num = function (s) { return parseFloat(s.replace(/[\\u2212]/g, '-').replace(/[^0-9eE+.-]/g, '')); };
                  var numeric = rows.every(function (r) { var k = key(r); return k === '' || k === '\\u2013' || !isNaN(num(k)); });
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    if (numeric) { x = isNaN(num(x)) ? -Infinity : num(x); y = isNaN(num(y)) ? -Infinity : num(y); }
                    return x < y ? -dir : x > y ? dir : 0;
                  });
                  t.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
            });
            """;

    private HtmlPage() {
    }

    /**
     * A self-contained HTML document: the title as heading, a muted line under it, a table of contents when the body
     * has two or more {@code <h2 id=…>} headings, then {@code body} (HTML), then the table-sorting script.
     */
    public static String document(String title, String meta, String body) {
        String t = Fmt.html(title);
        return new StringBuilder("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
                .append("<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(t).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
                .append("<body>\n<h1>").append(t).append("</h1>\n<p class=\"meta\">").append(Fmt.html(meta))
                .append("</p>\n").append(toc(body)).append(body)
                .append("<script>\n//<![CDATA[\n").append(SCRIPT).append("//]]>\n</script>\n")
                .append("</body>\n</html>\n").toString();
    }

    /** The table of contents of {@code body}: links to its {@code <h2 id=…>} headings, or "" for fewer than two. */
    static String toc(String body) {
        List<String> items = new ArrayList<>();
        Matcher m = HEADING.matcher(body);
        while (m.find()) {
            items.add("<li><a href=\"#" + m.group(1) + "\">" + m.group(2) + "</a></li>");
        }
        if (items.size() < 2) {
            return "";
        }
        return "<nav class=\"toc\"><strong>Contents</strong>\n<ol>\n" + String.join("\n", items) + "\n</ol>\n</nav>\n";
    }

    /** An {@code h2} with an anchor made from its (unescaped) text. */
    static String heading(String title) {
        return "<h2 id=\"" + anchor(title) + "\">" + Fmt.html(title) + "</h2>\n";
    }

    /** An {@code h3} inside a section. */
    static String subheading(String title) {
        return "<h3>" + Fmt.html(title) + "</h3>\n";
    }

    /** A stable anchor for a heading: lower-case ASCII letters and digits joined by dashes ("s" when none remain). */
    static String anchor(String title) {
        String a = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return a.isEmpty() ? "s" : a;
    }
}
