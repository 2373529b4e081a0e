package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.io.AtomicFiles;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.io.OutputLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Comparison}: {@code FILE.md} and {@code FILE.json} beside it, both or neither; and its HTML page
 * ({@link ComparisonPage}) with the page's charts as SVG and PNG beside it.
 */
public final class ComparisonFiles {
    private ComparisonFiles() {
    }

    /** The comparison as pretty-printed JSON, ending with a newline. */
    public static String json(Comparison c) throws ProbeException {
        try {
            return Json.writer(Comparison.class).writeValueAsString(c) + "\n";
        } catch (IOException e) {
            throw new ProbeException("cannot write the comparison as JSON: " + e.getMessage());
        }
    }

    /**
     * Writes the Markdown to {@code markdown} and the JSON next to it (no page).
     *
     * @param force replace files an earlier comparison wrote (never other files)
     * @param inputs what the comparison read, which the outputs must not name
     */
    public static void write(Comparison c, Path markdown, boolean force, List<Path> inputs) throws ProbeException {
        write(c, List.of(), markdown, null, force, inputs);
    }

    /**
     * Writes the Markdown to {@code markdown} with the JSON next to it, and the HTML page to {@code html} with its
     * charts next to it ({@link #pageFiles}). Files in one folder are written together or not at all; with the page in
     * another folder than the Markdown, the Markdown and JSON are written first.
     *
     * @param runs the rankings compared (the page draws from them)
     * @param markdown {@code FILE.md}, or null to write the page alone
     * @param html the page, or null to write no page
     * @param force replace files an earlier comparison wrote (never other files)
     * @param inputs what the comparison read, which the outputs must not name
     */
    public static void write(Comparison c, List<Comparison.Run> runs, Path markdown, Path html, boolean force,
            List<Path> inputs) throws ProbeException {
        if (markdown == null && html == null) {
            throw new IllegalArgumentException("nothing to write: neither markdown nor html");
        }
        List<Path> page = html == null ? List.of() : pageFiles(html);
        if (markdown != null) {
            OutputGuard.check(markdown, OutputKind.COMPARISON, force, inputs);
            OutputLock.checkNotBusy(markdown);
        }
        if (html != null) {
            OutputGuard.checkPage(html, page.subList(1, page.size()), force, inputs);
            OutputLock.checkNotBusy(html);
            if (markdown != null && (html.toAbsolutePath().normalize().equals(markdown.toAbsolutePath().normalize())
                    || html.toAbsolutePath().normalize().equals(OutputGuard.comparisonJson(markdown)
                            .toAbsolutePath().normalize()))) {
                throw new ProbeException(html, "is the Markdown or JSON output too; choose another page path");
            }
        }
        List<Comparison.Run> sorted = Comparison.sorted(runs);
        boolean together = markdown != null && html != null && folder(markdown).equals(folder(html));
        if (markdown != null) {
            List<Path> targets = new ArrayList<>(List.of(markdown, OutputGuard.comparisonJson(markdown)));
            if (together) {
                targets.addAll(page);
            }
            try (AtomicFiles files = AtomicFiles.create(targets, OutputKind.COMPARISON, force)) {
                write(files.path(markdown), c.markdown());
                write(files.path(targets.get(1)), json(c));
                if (together) {
                    writePage(files, page, c, sorted);
                }
                files.commit();
            }
        }
        if (html != null && !together) {
            try (AtomicFiles files = AtomicFiles.create(page, OutputKind.COMPARISON_PAGE, force)) {
                writePage(files, page, c, sorted);
                files.commit();
            }
        }
    }

    /**
     * The page and the files written beside it: {@code PAGE.html}, then {@code PAGE-accuracy.svg},
     * {@code PAGE-accuracy.png}, {@code PAGE-layers.svg} and {@code PAGE-layers.png} ({@code PAGE} is the name without
     * {@code .html} or {@code .htm}).
     */
    public static List<Path> pageFiles(Path html) {
        String name = html.getFileName().toString();
        String stem = name.endsWith(".html") ? name.substring(0, name.length() - 5)
                : name.endsWith(".htm") ? name.substring(0, name.length() - 4) : name;
        List<Path> files = new ArrayList<>(List.of(html));
        for (ComparisonPage.Chart chart : ComparisonPage.charts(List.of())) {
            files.add(html.resolveSibling(stem + "-" + chart.name() + ".svg"));
            files.add(html.resolveSibling(stem + "-" + chart.name() + ".png"));
        }
        return files;
    }

    /** {@code FILE.md} → {@code FILE.html}; any other name gets {@code .html} appended. */
    public static Path htmlBeside(Path markdown) {
        String name = markdown.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + ".html");
    }

    private static void writePage(AtomicFiles files, List<Path> page, Comparison c, List<Comparison.Run> runs)
            throws ProbeException {
        write(files.path(page.get(0)), ComparisonPage.html(c, runs));
        List<ComparisonPage.Chart> charts = ComparisonPage.charts(runs);
        for (int i = 0; i < charts.size(); i++) {
            ComparisonPage.Chart chart = charts.get(i);
            write(files.path(page.get(1 + 2 * i)), ComparisonPage.svg(chart, runs).document());
            try (PngCanvas png = new PngCanvas(chart.width(), chart.height())) {
                chart.draw().accept(runs, png);
                png.write(files.path(page.get(2 + 2 * i)));
            } catch (IOException e) {
                throw new ProbeException(page.get(2 + 2 * i), "cannot write: " + e.getMessage(), e);
            }
        }
    }

    private static Path folder(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }

    private static void write(Path file, String text) throws ProbeException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
