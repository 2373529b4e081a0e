package dev.probe.report;

import java.util.List;

/**
 * A table of plain-text cells that renders as Markdown or as HTML with the same content; escaping happens at rendering.
 *
 * @param header column titles
 * @param align one character per column: {@code l} left, {@code r} right (numbers)
 * @param rows the cells, each row as long as the header
 */
public record Table(List<String> header, String align, List<List<String>> rows) {

    /** Copies the lists and checks the row lengths. */
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        if (align.length() != header.size()) {
            throw new IllegalArgumentException("align must have one character per column (" + header.size()
                    + "); found \"" + align + "\"");
        }
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells; the header has "
                        + header.size());
            }
        }
    }

    /** A GitHub-flavoured Markdown table, every cell escaped, ending with a newline. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append('|');
        header.forEach(h -> b.append(' ').append(Fmt.md(h)).append(" |"));
        b.append("\n|");
        for (int i = 0; i < align.length(); i++) {
            b.append(align.charAt(i) == 'r' ? " ---: |" : " --- |");
        }
        b.append('\n');
        for (List<String> row : rows) {
            b.append('|');
            row.forEach(c -> b.append(' ').append(c.isEmpty() ? " " : Fmt.md(c)).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    /** An HTML {@code <table class="sortable">} (well-formed XML as well), every cell escaped. */
    public String html() {
        StringBuilder b = new StringBuilder("<table class=\"sortable\">\n<thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            b.append(cell("th", i, header.get(i)));
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(cell("td", i, row.get(i)));
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private String cell(String tag, int column, String text) {
        String cls = align.charAt(column) == 'r' ? " class=\"num\"" : "";
        return "<" + tag + cls + ">" + Fmt.html(text) + "</" + tag + ">";
    }
}
