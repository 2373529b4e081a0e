package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CorpusFormatTest {

    @Test
    void detectsByExtension() throws ProbeException {
        assertThat(CorpusFormat.detect(Path.of("data/en_ewt-ud-dev.conllu"))).isEqualTo(CorpusFormat.CONLLU);
        assertThat(CorpusFormat.detect(Path.of("EWT.CONLLU"))).isEqualTo(CorpusFormat.CONLLU);
        for (String name : new String[] {"a.tsv", "a.conll", "a.txt", "a.iob2", "a.bio", "dir.v2/A.TSV"}) {
            assertThat(CorpusFormat.detect(Path.of(name))).as(name).isEqualTo(CorpusFormat.TSV);
        }
        assertThat(CorpusFormat.detect(Path.of("ewt-dev.in"))).isEqualTo(CorpusFormat.NEUROX);
        assertThat(CorpusFormat.detect(Path.of("ewt-dev.label"))).isEqualTo(CorpusFormat.NEUROX);
    }

    @Test
    void unknownExtensionNamesTheFileAndTheOption() {
        for (String name : new String[] {"corpus.csv", "corpus", "dir.tsv/corpus", "corpus.conllu.gz"}) {
            assertThatThrownBy(() -> CorpusFormat.detect(Path.of(name)))
                    .isInstanceOf(ProbeException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining("--format conllu|tsv|neurox");
        }
    }

    @Test
    void parsesNamesIgnoringCase() throws ProbeException {
        assertThat(CorpusFormat.parse("CoNLLU")).isEqualTo(CorpusFormat.CONLLU);
        assertThat(CorpusFormat.parse("tsv")).isEqualTo(CorpusFormat.TSV);
        assertThat(CorpusFormat.parse("NeuroX")).isEqualTo(CorpusFormat.NEUROX);
        assertThat(CorpusFormat.NEUROX.id()).isEqualTo("neurox");
        assertThatThrownBy(() -> CorpusFormat.parse("conll")).hasMessageContaining("'conll'")
                .hasMessageContaining("conllu, tsv or neurox");
        assertThatThrownBy(() -> CorpusFormat.parse(null)).isInstanceOf(ProbeException.class);
    }
}
