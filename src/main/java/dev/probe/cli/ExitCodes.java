package dev.probe.cli;

/** The exit codes of every command: 0 success, 1 a bug, 2 bad input or usage; 3 a failed {@code compare --expect}. */
final class ExitCodes {
    /** Bad input or usage: the message names the file and line, or the option. */
    static final int INPUT_ERROR = 2;
    /** An internal error: a bug. */
    static final int INTERNAL_ERROR = 1;
    /** {@code probe compare --expect}: the comparison was made, but an expectation does not hold. */
    static final int EXPECTATION_FAILED = 3;

    private ExitCodes() {
    }
}
