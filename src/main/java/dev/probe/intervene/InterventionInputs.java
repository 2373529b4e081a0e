package dev.probe.intervene;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.TokenRow;
import dev.probe.corpus.Sentence;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelChoice;
import dev.probe.model.ModelRepository;
import dev.probe.model.ModelSource;
import dev.probe.rank.RankingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The inputs of an intervention: that they belong together, the model they came from, and the dev sentences. */
final class InterventionInputs {
    private InterventionInputs() {
    }

    /**
     * Refuses stores other than the ranking's (by manifest digest) and stores of different models.
     *
     * @throws ProbeException naming the store that does not belong
     */
    static void check(RankingResult ranking, InterventionRequest request, ActivationStore train, ActivationStore dev)
            throws ProbeException {
        String problem = train.manifest().model().differenceFrom(dev.manifest().model());
        if (problem != null) {
            throw new ProbeException(dev.dir().resolve(StoreManifest.FILE_NAME), "the training and dev stores come"
                    + " from different models: " + problem);
        }
        for (Object[] split : new Object[][] {{"train", train}, {"dev", dev}}) {
            ActivationStore store = (ActivationStore) split[1];
            String recorded = ranking.inputs().storeManifests() == null ? null
                    : ranking.inputs().storeManifests().get((String) split[0]);
            if (recorded == null) {
                throw new ProbeException(request.ranking(), "the ranking does not record its " + split[0]
                        + " store's digest, so it cannot be matched to " + store.dir() + "; rank again");
            }
            if (!recorded.equals(store.manifestSha256())) {
                throw new ProbeException(store.dir().resolve(StoreManifest.FILE_NAME), "this is not the " + split[0]
                        + " store the ranking in " + request.ranking() + " was made from (manifest digests differ)");
            }
        }
    }

    /**
     * Loads the model a store was extracted with and checks that its config, weights and tokenizer are the ones the
     * store records.
     *
     * @param storeDir named in errors
     * @throws ProbeException when the model is gone or changed, or cannot be edited (TorchScript)
     */
    static LoadedModel load(StoreManifest m, ModelRepository repository, Path storeDir) throws ProbeException {
        StoreManifest.ModelRef ref = m.model();
        Path manifest = storeDir.resolve(StoreManifest.FILE_NAME);
        Long seed = ref.randomInit() == null ? null : ref.randomInit().seed();
        LoadedModel loaded = new ModelChoice(ref.spec(), null, m.windowing().maxTokens(), null, seed).load(repository);
        try {
            ModelSource s = loaded.source();
            String problem = !s.configSha256().equals(ref.configSha256()) ? "config.json"
                    : ref.weightsSha256() != null && !ref.weightsSha256().equals(s.weightsSha256()) ? "weights"
                    : ref.tokenizerSha256() != null && !ref.tokenizerSha256().equals(s.tokenizerSha256()) ? "tokenizer"
                    : null;
            if (problem != null) {
                throw new ProbeException(manifest, "the model '" + ref.spec() + "' now has other " + problem + " than"
                        + " the store was extracted with; interventions must run the same model");
            }
            if (!loaded.transformer().supportsInterventions()) {
                throw new ProbeException(manifest, "the store comes from a " + ref.architecture() + " model, which"
                        + " cannot be edited inside its forward pass; extract from the Hugging Face folder instead");
            }
            return loaded;
        } catch (ProbeException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** The store's sentences, rebuilt from its {@code tokens.tsv} (words and default labels). */
    static List<Sentence> sentences(ActivationStore store) throws ProbeException {
        List<TokenRow> rows = store.tokens();
        List<String> labels = store.labels(null);
        List<Sentence> sentences = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            int sentence = rows.get(i).sentence();
            List<String> words = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            while (i < rows.size() && rows.get(i).sentence() == sentence) {
                words.add(rows.get(i).token());
                tags.add(labels.get(i));
                i++;
            }
            sentences.add(new Sentence(words, tags, 0));
        }
        return sentences;
    }

    /** The report's record of the inputs. */
    static InterventionReport.Inputs describe(InterventionRequest request, Interventions.Ranking ranking,
            ActivationStore train, ActivationStore dev, String labelColumn, int words) throws ProbeException {
        StoreManifest m = dev.manifest();
        StoreManifest.ModelRef model = m.model();
        return new InterventionReport.Inputs(request.ranking().toAbsolutePath().toString(), ranking.sha256(),
                train.dir().toAbsolutePath().toString(), train.manifestSha256(), dev.dir().toAbsolutePath().toString(),
                dev.manifestSha256(), model.spec(), model.architecture(), model.configSha256(), model.weightsSha256(),
                model.tokenizerSha256(), m.point(), m.layers(), m.width(), Objects.requireNonNull(labelColumn), words);
    }
}
