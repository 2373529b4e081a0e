/**
 * Mergeable per-class sufficient statistics of neurons ({@link dev.probe.rank.stats.ClassStatistics}: counts, sums,
 * sums of squares, minima, maxima, fixed-bin histograms), their files, and the scores the statistic ranking methods
 * compute from them alone: {@link dev.probe.rank.stats.Probeless}, {@link dev.probe.rank.stats.Selectivity},
 * {@link dev.probe.rank.stats.Detection} (IoU, average precision) and {@link dev.probe.rank.stats.Anova}. Nothing here
 * depends on the rest of {@code dev.probe.rank}, so shards' statistics can be made, merged and scored anywhere.
 */
package dev.probe.rank.stats;
