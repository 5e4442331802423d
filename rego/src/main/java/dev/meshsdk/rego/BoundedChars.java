package dev.meshsdk.rego;

/**
 * A string view that counts character reads, so a regular expression that backtracks
 * catastrophically (java.util.regex, unlike Go's RE2, is not linear) fails with
 * {@code eval_resource_error} instead of hanging.
 */
final class BoundedChars implements CharSequence {
  private final String s;
  private final int offset;
  private final int length;
  private final long[] budget;

  private BoundedChars(String s, int offset, int length, long[] budget) {
    this.s = s;
    this.offset = offset;
    this.length = length;
    this.budget = budget;
  }

  /** Allows about 10,000 reads per character of input, and at least 10 million. */
  static BoundedChars of(String s) {
    return new BoundedChars(s, 0, s.length(), new long[] {Math.max(10_000_000L,
        10_000L * s.length())});
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (--budget[0] < 0) {
      throw new RegoException("eval_resource_error", "regular expression needed too many steps"
          + " on this input (catastrophic backtracking); simplify the pattern");
    }
    return s.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedChars(s, offset + start, end - start, budget);
  }

  @Override
  public String toString() {
    return s.substring(offset, offset + length);
  }
}
