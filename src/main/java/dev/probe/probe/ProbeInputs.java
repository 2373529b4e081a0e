package dev.probe.probe;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.TokenRow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rows of each split, taken from separate stores or from one store split by sentence, with their tokens and
 * labels. Stores given together must come from the same model, probing point and layers.
 *
 * @param label the annotation column the labels come from, as the stores name it
 * @param splits split name → rows; "train" first, then "dev" and "test" when present
 */
public record ProbeInputs(String label, List<Split> splits) {

    /**
     * One split.
     *
     * @param name "train", "dev" or "test"
     * @param store the store its rows come from
     * @param rows matrix rows
     * @param tokens the tokens of those rows
     * @param labels the labels of those rows
     */
    public record Split(String name, ActivationStore store, long[] rows, List<String> tokens, List<String> labels) {
    }

    /** Whole stores as splits (null stores are skipped), labelled by their default label column. */
    public static ProbeInputs ofStores(ActivationStore train, ActivationStore dev, ActivationStore test)
            throws ProbeException {
        return ofStores(train, dev, test, null);
    }

    /**
     * Whole stores as splits (null stores are skipped); checks that they agree.
     *
     * @param label the annotation column to take labels from (a name or number; null: the training store's default)
     * @throws ProbeException when a store lacks that column, or the stores come from different models or layers
     */
    public static ProbeInputs ofStores(ActivationStore train, ActivationStore dev, ActivationStore test, String label)
            throws ProbeException {
        String column = train.labelColumn(label);
        List<Split> splits = new ArrayList<>();
        String[] names = {"train", "dev", "test"};
        ActivationStore[] stores = {train, dev, test};
        for (int i = 0; i < stores.length; i++) {
            if (stores[i] == null) {
                continue;
            }
            checkCompatible(train, stores[i]);
            List<TokenRow> rows = stores[i].tokens();
            long[] ids = new long[rows.size()];
            for (int r = 0; r < ids.length; r++) {
                ids[r] = r;
            }
            splits.add(new Split(names[i], stores[i], ids, rows.stream().map(TokenRow::token).toList(),
                    stores[i].labels(column)));
        }
        return new ProbeInputs(column, splits);
    }

    /**
     * One store split by sentence: sentences are shuffled with the seed and cut by the percentages.
     *
     * @param percentages train/dev[/test] percentages summing to 100
     * @param label the annotation column to take labels from (a name or number; null: the store's default)
     */
    public static ProbeInputs split(ActivationStore store, int[] percentages, long seed, String label)
            throws ProbeException {
        String column = store.labelColumn(label);
        List<String> values = store.labels(column);
        int sum = 0;
        for (int p : percentages) {
            if (p < 0) {
                throw new ProbeException("--split: percentages must be ≥ 0");
            }
            sum += p;
        }
        if (percentages.length < 2 || percentages.length > 3 || sum != 100) {
            throw new ProbeException("--split needs train/dev or train/dev/test percentages summing to 100, e.g. 80/10/10");
        }
        List<TokenRow> rows = store.tokens();
        int sentences = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).sentence() + 1;
        int[] order = new int[sentences];
        for (int i = 0; i < sentences; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = sentences - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] splitOf = new int[sentences];
        int start = 0;
        for (int s = 0, cumulative = 0; s < percentages.length; s++) {
            cumulative += percentages[s];
            int end = s == percentages.length - 1 ? sentences : (int) Math.round(sentences * cumulative / 100.0);
            for (int i = start; i < end; i++) {
                splitOf[order[i]] = s;
            }
            start = end;
        }
        String[] names = {"train", "dev", "test"};
        List<Split> splits = new ArrayList<>();
        for (int s = 0; s < percentages.length; s++) {
            List<Long> ids = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                if (splitOf[rows.get(r).sentence()] == s) {
                    ids.add((long) r);
                    tokens.add(rows.get(r).token());
                    labels.add(values.get(r));
                }
            }
            if (ids.isEmpty()) {
                throw new ProbeException(store.dir(), "--split " + percentagesText(percentages) + " leaves the "
                        + names[s] + " split empty (" + sentences + " sentences in the store)");
            }
            splits.add(new Split(names[s], store, ids.stream().mapToLong(Long::longValue).toArray(), tokens, labels));
        }
        return new ProbeInputs(column, splits);
    }

    private static String percentagesText(int[] percentages) {
        StringBuilder b = new StringBuilder();
        for (int p : percentages) {
            b.append(b.length() == 0 ? "" : "/").append(p);
        }
        return b.toString();
    }

    private static void checkCompatible(ActivationStore reference, ActivationStore other) throws ProbeException {
        StoreManifest a = reference.manifest();
        StoreManifest b = other.manifest();
        String model = a.model().differenceFrom(b.model());
        if (model != null || !a.point().equals(b.point()) || !a.layers().equals(b.layers()) || a.width() != b.width()
                || !a.aggregation().equals(b.aggregation())) {
            throw new ProbeException(other.dir(), "comes from a different model or layers than " + reference.dir()
                    + ": " + describe(b) + " vs " + describe(a) + (model == null ? "" : " (" + model + ")"));
        }
    }

    private static String describe(StoreManifest m) {
        String random = m.model().randomInit() == null ? "" : ", random-init seed " + m.model().randomInit().seed();
        return m.model().spec() + " (config " + m.model().configSha256().substring(0, Math.min(12,
                m.model().configSha256().length())) + random + "), " + m.point() + " layers " + m.layers() + ", "
                + m.aggregation() + " subword";
    }
}
