/**
 * Small file utilities shared by every stage: outputs that appear atomically ({@link dev.probe.io.AtomicDirectory},
 * {@link dev.probe.io.AtomicFiles}) under a one-writer lock ({@link dev.probe.io.OutputLock}) and only replace what
 * this tool wrote ({@link dev.probe.io.OutputGuard}); bounded, strict UTF-8 line reading that hashes what it reads
 * ({@link dev.probe.io.Utf8Lines}); checked reads of small input files ({@link dev.probe.io.InputFiles}); the JSON
 * convention ({@link dev.probe.io.Json}, {@link dev.probe.io.JsonErrors}); hashes and half-precision floats.
 */
package dev.probe.io;
