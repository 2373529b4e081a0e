package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.ProbeException;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.ModelRepository;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's real compare stage ({@link LocalStages#compare}) behind fake extraction and ranking: a run writes
 * {@code comparison.html} and its charts next to {@code comparison.md} and {@code comparison.json}, and a second run
 * replaces them. The fake rankings are sparse (no search points, curves or layer distribution), so the page must cope.
 */
class PipelineComparisonPageTest {
    @TempDir
    Path tmp;

    /** Fake extraction and ranking, the real comparison. */
    private static final class RealCompare implements Stages {
        final FakeStages fake = new FakeStages();
        final LocalStages local;

        RealCompare(Path home) {
            local = new LocalStages(new ModelRepository(home), new PrintWriter(new StringWriter(), true));
        }

        @Override
        public StoreManifest extract(ExtractionRequest request) throws ProbeException {
            return fake.extract(request);
        }

        @Override
        public RankingResult rank(RankRequest request) {
            return fake.rank(request);
        }

        @Override
        public void compare(Comparison comparison, List<Comparison.Run> runs, Path markdown, Path html,
                boolean force) throws ProbeException {
            local.compare(comparison, runs, markdown, html, force);
        }
    }

    @Test
    void runWritesTheComparisonPageBesideTheMarkdownAndReplacesItNextTime() throws Exception {
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 6, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 3, tmp.resolve("data/dev.conllu"));
        TestCorpora.fakeModel(tmp.resolve("model"));
        TestCorpora.write(tmp, "p.yaml", """
                run_dir: run
                models:
                  - name: tiny
                    model: model
                tasks:
                  - name: xpos
                    column: xpos
                    train: data/train.conllu
                    dev: data/dev.conllu
                  - name: deprel
                    column: deprel
                    train: data/train.conllu
                    dev: data/dev.conllu
                """);
        RealCompare stages = new RealCompare(tmp.resolve("home"));
        PipelineRunner runner = new PipelineRunner(stages, new ModelRepository(tmp.resolve("home")),
                new PrintWriter(new StringWriter(), true));
        PipelineConfig config = PipelineConfig.load(tmp.resolve("p.yaml"));
        PipelineResult first = runner.run(config);
        Path html = first.comparisonHtml();
        assertThat(html).isEqualTo(config.comparisonHtml());
        assertThat(html.getParent()).isEqualTo(first.comparisonMarkdown().getParent());
        String page = Files.readString(html).replaceAll("(?s)<script>.*?</script>", "");
        // named as in the configuration
        assertThat(page).contains("<h1>Comparison: tiny × deprel, xpos</h1>", ">Accuracy against neurons</h2>",
                ">Layer distributions</h2>", ">Overlap of minimal sets</h2>", ">Inputs</h2>")
                .doesNotContain("NaN", "Infinity");
        assertThat(first.comparisonJson()).isNotEmptyFile();
        for (String chart : List.of("accuracy.svg", "accuracy.png", "layers.svg", "layers.png")) {
            assertThat(html.resolveSibling("comparison-" + chart)).isNotEmptyFile();
        }

        Files.writeString(html, Files.readString(html).replace("Overlap of minimal sets", "stale"));
        PipelineResult second = runner.run(config);
        assertThat(second.comparisonHtml()).content().contains("Overlap of minimal sets").doesNotContain("stale");
    }
}
