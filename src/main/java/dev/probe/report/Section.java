package dev.probe.report;

import java.util.List;

/**
 * One titled part of a report: plain-text notes (escaped when rendered) and an optional table.
 *
 * @param title the heading
 * @param notes paragraphs before the table
 * @param table the table, or {@code null}
 */
public record Section(String title, List<String> notes, Table table) implements Part {

    /** Copies the notes. */
    public Section {
        notes = List.copyOf(notes);
    }

    /** The section as Markdown: a level-2 heading, the notes and the table. */
    @Override
    public String markdown() {
        StringBuilder b = new StringBuilder("## ").append(Fmt.md(title)).append("\n\n");
        notes.forEach(n -> b.append(Fmt.md(n)).append("\n\n"));
        if (table != null) {
            b.append(table.markdown()).append('\n');
        }
        return b.toString();
    }

    /** The section as HTML: an {@code h2}, paragraphs and the table. */
    @Override
    public String html() {
        StringBuilder b = new StringBuilder("<section>\n").append(HtmlPage.heading(title));
        notes.forEach(n -> b.append("<p>").append(Fmt.html(n)).append("</p>\n"));
        if (table != null) {
            b.append(table.html());
        }
        return b.append("</section>\n").toString();
    }
}
