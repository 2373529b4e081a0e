package dev.probe.activations;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sentence longer than the model's window into overlapping windows so that every word gets an activation.
 *
 * <p>The scheme, deterministic and independent of the batch: let C be the window capacity in subwords (the model's
 * maximum sequence length minus its special tokens). A sentence of at most C subwords is one window. Otherwise windows
 * are cut at word boundaries: the first starts at word 0; each holds as many whole words as fit in C subwords; the next
 * starts at the first word at least C/2 subwords after the previous start (so consecutive windows overlap by about
 * half). Each word takes its activation from the window in which it has the most context on its poorer side, i.e. the
 * window maximising min(subwords before it, subwords after it) within the window; ties go to the earlier window. Every
 * window's special tokens are added and positions restart at 0, as for a sentence of its own.
 */
public final class Windowing {
    private Windowing() {
    }

    /**
     * Plans the windows of one sentence.
     *
     * @param sentence the sentence index, copied into the segments
     * @param wordStarts first subword of each word, plus a final entry with the subword count
     * @param capacity the most subwords one window may hold
     * @return segments in word order; together their owned ranges cover every word exactly once
     * @throws IllegalArgumentException when one word alone has more than {@code capacity} subwords
     */
    public static List<Segment> plan(int sentence, int[] wordStarts, int capacity) {
        int n = wordStarts.length - 1;
        int total = wordStarts[n];
        if (total <= capacity) {
            return List.of(new Segment(sentence, 0, n, 0, n, 0, total));
        }
        List<int[]> windows = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = start;
            while (end < n && wordStarts[end + 1] - wordStarts[start] <= capacity) {
                end++;
            }
            if (end == start) {
                throw new IllegalArgumentException("word " + (start + 1) + " has " + (wordStarts[start + 1] - wordStarts[start])
                        + " subwords, more than the model's window of " + capacity);
            }
            windows.add(new int[] {start, end});
            if (end == n) {
                break;
            }
            int next = start + 1;
            while (next < end && wordStarts[next] < wordStarts[start] + capacity / 2) {
                next++;
            }
            start = next;
        }
        int[] owner = new int[n];
        for (int w = 0; w < n; w++) {
            int best = -1;
            int bestScore = -1;
            for (int i = 0; i < windows.size(); i++) {
                int[] win = windows.get(i);
                if (w < win[0] || w >= win[1]) {
                    continue;
                }
                int score = Math.min(wordStarts[w] - wordStarts[win[0]], wordStarts[win[1]] - wordStarts[w + 1]);
                if (score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            owner[w] = best;
        }
        List<Segment> segments = new ArrayList<>();
        int w = 0;
        for (int i = 0; i < windows.size(); i++) {
            int ownedFirst = w;
            while (w < n && owner[w] == i) {
                w++;
            }
            if (w == ownedFirst) {
                continue; // every word of this window has more context elsewhere
            }
            int[] win = windows.get(i);
            segments.add(new Segment(sentence, win[0], win[1], ownedFirst, w, wordStarts[win[0]], wordStarts[win[1]]));
        }
        if (w != n) {
            throw new IllegalStateException("window ownership is not contiguous at word " + w);
        }
        return segments;
    }
}
