/**
 * The {@code probe} command line: picocli commands that parse options, call the stages and print results. No domain
 * logic lives here. Exit codes: 0 success, 1 internal error, 2 bad input or usage.
 */
package dev.probe.cli;
