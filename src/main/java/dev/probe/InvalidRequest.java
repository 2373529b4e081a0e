package dev.probe;

import java.util.Objects;

/**
 * A stage request with a value out of range, thrown by the request's compact constructor. It names the request field
 * ({@code batchTokens}, {@code delta}, …) so that each front end can say where the value came from: the command line
 * names the flag ({@code --batch-tokens}), {@code probe run} the YAML key and its line.
 */
public final class InvalidRequest extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The request component at fault. */
    private final String field;
    /** What is wrong, without the field's name. */
    private final String problem;

    /**
     * @param field the request component's name, as in the record
     * @param problem what is wrong, such as {@code "must be between 1 and 65536, found 0"}
     */
    public InvalidRequest(String field, String problem) {
        super(field + ": " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The request component at fault. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field's name. */
    public String problem() {
        return problem;
    }

    /** Fails unless {@code min ≤ value ≤ max}. */
    public static void check(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidRequest(field, "must be between " + min + " and " + max + ", found " + value);
        }
    }

    /** Fails unless {@code value} is a number in {@code [min, max]}. */
    public static void check(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidRequest(field, "must be a finite number between " + min + " and " + max + ", found "
                    + value);
        }
    }
}
