package dev.probe.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Flushes files and folders to the storage device, so that a rename that publishes them survives a crash. */
public final class Fsync {
    private Fsync() {
    }

    /** Flushes one regular file's data and metadata. */
    public static void file(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Flushes a folder's entries (names created, renamed or deleted in it). Best effort: file systems or platforms
     * that cannot open a folder for reading are skipped.
     */
    public static void folder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here; the file data were still flushed
        }
    }

    /** Flushes every regular file below {@code root} and every folder, the root included. */
    public static void tree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    file(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                folder(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
