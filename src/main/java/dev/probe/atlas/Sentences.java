package dev.probe.atlas;

import dev.probe.activations.store.TokenRow;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The store's sentences rebuilt from {@code tokens.tsv}: the rows of each sentence index, in word order. */
final class Sentences {
    private final List<TokenRow> tokens;
    private final int[] order;
    private final Map<Integer, int[]> spans = new HashMap<>();

    /** Indexes {@code tokens} (one per store row). */
    Sentences(List<TokenRow> tokens) {
        this.tokens = tokens;
        Integer[] boxed = new Integer[tokens.size()];
        Arrays.setAll(boxed, i -> i);
        Arrays.sort(boxed, Comparator.comparingInt((Integer r) -> tokens.get(r).sentence())
                .thenComparingInt(r -> tokens.get(r).word()).thenComparingInt(r -> r));
        order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        int start = 0;
        for (int i = 1; i <= order.length; i++) {
            if (i == order.length || tokens.get(order[i]).sentence() != tokens.get(order[start]).sentence()) {
                spans.put(tokens.get(order[start]).sentence(), new int[] {start, i});
                start = i;
            }
        }
    }

    /** The rows of the sentence that holds {@code row}, in word order. */
    int[] rowsAround(int row) {
        int[] span = spans.get(tokens.get(row).sentence());
        return Arrays.copyOfRange(order, span[0], span[1]);
    }

    /** The words of {@code rows}. */
    List<String> words(int[] rows) {
        return Arrays.stream(rows).mapToObj(r -> tokens.get(r).token()).toList();
    }

    /** The sentence index of {@code row}. */
    int sentenceOf(int row) {
        return tokens.get(row).sentence();
    }
}
