package dev.probe.report;

/** One titled part of a report, renderable as Markdown and as HTML with the same content. */
public interface Part {
    /** The part as Markdown, starting with a level-2 heading. */
    String markdown();

    /** The part as HTML: a {@code <section>} starting with {@link HtmlPage#heading}. */
    String html();

    /** A part given as both texts. */
    static Part of(String markdown, String html) {
        return new Part() {
            @Override
            public String markdown() {
                return markdown;
            }

            @Override
            public String html() {
                return html;
            }
        };
    }
}
