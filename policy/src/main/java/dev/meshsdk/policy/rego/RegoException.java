package dev.meshsdk.policy.rego;

/**
 * A failure to parse, compile or evaluate a policy. {@link #code()} is OPA's error code
 * ({@code rego_parse_error}, {@code rego_compile_error}, {@code eval_conflict_error},
 * {@code eval_type_error}, {@code eval_builtin_error}, {@code eval_recursion_error},
 * {@code eval_resource_error}, {@code eval_unsupported_error}); the message names the location as
 * {@code file:line:column} where one is known.
 */
public final class RegoException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final String reference;

  /** Creates an exception with an error code and a message. */
  public RegoException(String code, String message) {
    super(withCode(code, message));
    this.code = code;
    this.reference = null;
  }

  /** The same failure, noting the document reference whose evaluation raised it. */
  RegoException(RegoException failure, String reference) {
    super(failure.getMessage() + " (evaluating " + reference + ")", failure);
    this.code = failure.code;
    this.reference = reference;
  }

  /** The document reference being evaluated when this failure happened, if known. */
  public java.util.Optional<String> reference() {
    return java.util.Optional.ofNullable(reference);
  }

  private static final java.util.regex.Pattern LOC =
      java.util.regex.Pattern.compile("^([^\\s]+:\\d+:\\d+): (.*)$", java.util.regex.Pattern.DOTALL);

  /** Renders "file:line:col: code: message" like OPA, so messages carry their code. */
  private static String withCode(String code, String message) {
    java.util.regex.Matcher m = LOC.matcher(message);
    String loc = m.matches() ? m.group(1) + ": " : "";
    String rest = m.matches() ? m.group(2) : message;
    if (rest.startsWith(code + ": ")) {
      return loc + rest;
    }
    return loc + code + ": " + rest;
  }

  /** OPA's error code, e.g. {@code eval_conflict_error}. */
  public String code() {
    return code;
  }

  static RegoException parse(String msg) {
    return new RegoException("rego_parse_error", msg);
  }

  static RegoException compile(String msg) {
    return new RegoException("rego_compile_error", msg);
  }

  static RegoException conflict(String msg) {
    return new RegoException("eval_conflict_error", msg);
  }

  static RegoException type(String msg) {
    return new RegoException("eval_type_error", msg);
  }

  static RegoException builtin(String msg) {
    return new RegoException("eval_builtin_error", msg);
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
