package dev.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * Who wrote an artifact and when: the tool's name and version, the Java runtime, the operating system, and the DJL
 * and libtorch versions the numbers were computed with. Every JSON file the tool writes embeds one under the key
 * {@code "tool"}. Files written before the DJL and libtorch versions were recorded read back with those two null.
 *
 * @param name tool name ("probe")
 * @param version tool version from the jar manifest ("dev" when run from classes)
 * @param java Java runtime version
 * @param os operating system name and architecture
 * @param djl the DJL version on the class path ({@code ai/djl/engine/api.properties}, what
 *     {@code Engine.getDjlVersion()} reports), or null when unknown
 * @param libtorch the libtorch build DJL loads: version, flavour and platform as named by the native library's
 *     {@code native/lib/pytorch.properties} (also the name of its folder in the DJL cache, e.g.
 *     {@code 2.7.1-20250812-cpu-linux-x86_64}), or null when unknown
 * @param cpus the processors available to the tool: probes train with one engine thread per processor, and the
 *     last bits of float sums depend on the thread count (runs are bit-identical at a fixed count); null in files
 *     written before it was recorded
 * @param createdAt when the artifact was written (UTC, seconds)
 */
public record Provenance(String name, String version, String java, String os, String djl, String libtorch,
        Integer cpus, String createdAt) {

    /** The provenance of an artifact written now. */
    public static Provenance now() {
        return new Provenance("probe", toolVersion(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Libraries.DJL, Libraries.LIBTORCH,
                Runtime.getRuntime().availableProcessors(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The tool version from the jar manifest, or "dev" when running from a classes folder. */
    public static String toolVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The DJL version on the class path, or null when unknown. */
    public static String djlVersion() {
        return Libraries.DJL;
    }

    /** The libtorch build DJL loads (e.g. {@code 2.7.1-20250812-cpu-linux-x86_64}), or null when unknown. */
    public static String libtorchVersion() {
        return Libraries.LIBTORCH;
    }

    /**
     * The library versions, read once from the version files the libraries themselves read: DJL's
     * {@code Engine.getDjlVersion()} reads {@code api.properties}, and the PyTorch engine picks the native library to
     * extract and load by {@code native/lib/pytorch.properties}. Reading them here costs a few milliseconds, where
     * asking the loaded engine would load libtorch (about 2.5 s) in commands that never use it, such as
     * {@code --version}.
     */
    private static final class Libraries {
        static final String DJL = property("ai/djl/engine/api.properties", "djl_version");
        static final String LIBTORCH = libtorch();

        private static String libtorch() {
            Properties p = properties("native/lib/pytorch.properties");
            String version = p.getProperty("version");
            if (version == null) {
                return null;
            }
            StringBuilder b = new StringBuilder(version);
            for (String key : new String[] {"flavor", "classifier"}) {
                if (p.getProperty(key) != null) {
                    b.append('-').append(p.getProperty(key));
                }
            }
            return b.toString();
        }

        private static String property(String resource, String key) {
            return properties(resource).getProperty(key);
        }

        private static Properties properties(String resource) {
            Properties p = new Properties();
            try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
            }
            return p;
        }
    }
}
