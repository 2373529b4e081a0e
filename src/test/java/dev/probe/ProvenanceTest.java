package dev.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import dev.probe.testing.CliRun;
import org.junit.jupiter.api.Test;

/**
 * The library versions every JSON file records under {@code "tool"} are the ones DJL itself reports: read cheaply from
 * the libraries' version files, they must agree with the loaded engine.
 */
class ProvenanceTest {
    @Test
    void libraryVersionsAgreeWithTheLoadedEngine() {
        Provenance p = Provenance.now();
        assertThat(p.djl()).isNotBlank().isEqualTo(Engine.getDjlVersion());
        String libtorch = Engine.getEngine("PyTorch").getVersion(); // "2.7.1": loads the native library
        assertThat(p.libtorch()).startsWith(libtorch + "-").contains("-cpu-");
        assertThat(p.djl()).isEqualTo(Provenance.djlVersion());
        assertThat(p.libtorch()).isEqualTo(Provenance.libtorchVersion());
    }

    @Test
    void versionOptionPrintsThem() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).contains("DJL " + Engine.getDjlVersion(),
                "libtorch " + Provenance.libtorchVersion());
        assertThat(run.out()).startsWith("probe ").contains("Java " + System.getProperty("java.version"));
    }
}
