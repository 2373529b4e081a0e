package dev.probe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who wrote an artifact and when: the tool's name and version, the Java runtime and the operating system. Every JSON
 * file the tool writes embeds one under the key {@code "tool"}.
 *
 * @param name tool name ("probe")
 * @param version tool version from the jar manifest ("dev" when run from classes)
 * @param java Java runtime version
 * @param os operating system name and architecture
 * @param createdAt when the artifact was written (UTC, seconds)
 */
public record Provenance(String name, String version, String java, String os, String createdAt) {

    /** The provenance of an artifact written now. */
    public static Provenance now() {
        return new Provenance("probe", toolVersion(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The tool version from the jar manifest, or "dev" when running from a classes folder. */
    public static String toolVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
