package dev.probe.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest cache hashes a file once and answers from memory while its size and modification time stay the same.
 * Whether it read the file is seen from outside: the tests change the bytes behind its back (same size, time set back
 * to the old value), which only a cached answer misses.
 */
class DigestCacheTest {
    private static final FileTime LAST_YEAR = FileTime.from(Instant.parse("2025-03-01T10:00:00Z"));
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABD = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";

    @TempDir
    Path tmp;

    private Path write(String name, String text, FileTime mtime) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), text);
        Files.setLastModifiedTime(file, mtime);
        return file;
    }

    @Test
    void hashesOnceThenAnswersFromTheCacheUntilTheFileIsTouched() throws Exception {
        DigestCache cache = new DigestCache(tmp.resolve("home/digests.json"));
        Path file = write("model.safetensors", "abc", LAST_YEAR);
        assertThat(cache.sha256(file)).isEqualTo(ABC).isEqualTo(Hashes.sha256(file));
        assertThat(tmp.resolve("home/digests.json")).content().contains(file.toRealPath().toString(), ABC);

        write("model.safetensors", "abd", LAST_YEAR); // new bytes, same size and time: not read again
        assertThat(cache.sha256(file)).isEqualTo(ABC);
        assertThat(new DigestCache(tmp.resolve("home/digests.json")).sha256(file)).as("another process").isEqualTo(ABC);

        Files.setLastModifiedTime(file, FileTime.from(LAST_YEAR.toInstant().plusSeconds(1))); // touched
        assertThat(cache.sha256(file)).isEqualTo(ABD);
    }

    @Test
    void aChangedSizeIsHashedAgain() throws Exception {
        DigestCache cache = new DigestCache(tmp.resolve("digests.json"));
        Path file = write("w.bin", "abc", LAST_YEAR);
        assertThat(cache.sha256(file)).isEqualTo(ABC);
        write("w.bin", "abcd", LAST_YEAR);
        assertThat(cache.sha256(file)).isEqualTo(Hashes.sha256("abcd".getBytes()));
    }

    @Test
    void aFileModifiedJustBeforeHashingIsNotRemembered() throws Exception {
        // it could change again within its timestamp's resolution, keeping size and time
        DigestCache cache = new DigestCache(tmp.resolve("digests.json"));
        FileTime now = FileTime.from(Instant.now());
        Path file = write("fresh.bin", "abc", now);
        assertThat(cache.sha256(file)).isEqualTo(ABC);
        write("fresh.bin", "abd", now);
        assertThat(cache.sha256(file)).isEqualTo(ABD);
        assertThat(tmp.resolve("digests.json")).doesNotExist();
    }

    @Test
    void aCorruptCacheFileCountsAsEmptyAndIsReplaced() throws Exception {
        Path cacheFile = Files.writeString(tmp.resolve("digests.json"), "{ not json");
        Path file = write("w.bin", "abc", LAST_YEAR);
        assertThat(new DigestCache(cacheFile).sha256(file)).isEqualTo(ABC);
        assertThat(cacheFile).content().contains("\"format_version\": 1", "\"mtime_ns\": ", ABC);
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theKeyIsTheRealPathSoALinkSharesTheEntry() throws Exception {
        DigestCache cache = new DigestCache(tmp.resolve("digests.json"));
        Path file = write("w.bin", "abc", LAST_YEAR);
        Path link = Files.createSymbolicLink(tmp.resolve("link.bin"), file);
        assertThat(cache.sha256(file)).isEqualTo(ABC);
        write("w.bin", "abd", LAST_YEAR);
        assertThat(cache.sha256(link)).isEqualTo(ABC);
        assertThat(cache.sha256(tmp.resolve("sub/../w.bin").normalize())).isEqualTo(ABC);
    }
}
