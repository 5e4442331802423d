package dev.meshsdk.rego;

/**
 * A string view that counts character reads, so a regular expression that backtracks
 * catastrophically (java.util.regex, unlike Go's RE2, is not linear) fails with
 * {@code eval_resource_error} instead of hanging. Reads are charged to the query's step budget
 * as they happen ({@link #READS_PER_STEP} reads a step), and one match may take at most about
 * 10,000 reads per character of input.
 */
final class BoundedChars implements CharSequence {
    /** Regex character reads that cost one step. */
    static final int READS_PER_STEP = 8;

    private static final int CHARGE_EVERY = 1024;

    private final String s;
    private final int offset;
    private final int length;
    /** Reads left for this match, and reads not yet charged to the step budget. */
    private final long[] budget;

    private final Limits limits;

    private BoundedChars(String s, int offset, int length, long[] budget, Limits limits) {
        this.s = s;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
        this.limits = limits;
    }

    /** Allows about 10,000 reads per character of input, and at least 10 million. */
    static BoundedChars of(String s, Limits limits) {
        return new BoundedChars(s, 0, s.length(), new long[] {Math.max(10_000_000L, 10_000L * s.length()), 0}, limits);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new RegoException(
                    "eval_resource_error",
                    "regular expression needed too many steps"
                            + " on this input (catastrophic backtracking); simplify the pattern");
        }
        if (++budget[1] == CHARGE_EVERY) {
            budget[1] = 0;
            limits.charge(CHARGE_EVERY / READS_PER_STEP);
        }
        return s.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedChars(s, offset + start, end - start, budget, limits);
    }

    @Override
    public String toString() {
        return s.substring(offset, offset + length);
    }
}
