/**
 * What a person reads: the report of one ranking ({@link dev.probe.report.ReportWriter} turns a {@code ranking.json}
 * into charts, Markdown and a self-contained HTML page) and the comparison of several rankings across models and tasks
 * ({@link dev.probe.report.Comparison}).
 *
 * <p>Charts are drawn once against a tiny {@link dev.probe.report.Canvas} with two implementations, hand-written SVG
 * text ({@link dev.probe.report.SvgCanvas}) and a headless {@code java.awt} image written as PNG
 * ({@link dev.probe.report.PngCanvas}). Tables are {@link dev.probe.report.Table} values rendered as Markdown or HTML,
 * so both documents show the same numbers. Every number is formatted with {@link java.util.Locale#ROOT}, a missing
 * value (NaN) as an en dash, and every label is escaped for the format it goes into.
 */
package dev.probe.report;
