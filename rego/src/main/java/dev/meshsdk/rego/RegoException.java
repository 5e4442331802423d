package dev.meshsdk.rego;

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
    private final Location location;

    /**
     * Where in a policy's source a failure is.
     *
     * @param file the file name the module was parsed with
     * @param line 1-based line
     * @param column 1-based column
     */
    public record Location(String file, int line, int column) {
        public Location {
            java.util.Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    /** Creates an exception with an error code and a message. */
    RegoException(String code, String message) {
        super(withCode(code, message));
        this.code = code;
        this.reference = null;
        this.location = locate(getMessage());
    }

    /** The same failure, noting the document reference whose evaluation raised it. */
    RegoException(RegoException failure, String reference) {
        super(failure.getMessage() + " (evaluating " + reference + ")", failure);
        this.code = failure.code;
        this.reference = reference;
        this.location = failure.location;
    }

    /** The file, line and column the failure is at, when known. */
    public java.util.Optional<Location> location() {
        return java.util.Optional.ofNullable(location);
    }

    private static Location locate(String message) {
        java.util.regex.Matcher m = POSITION.matcher(message);
        return m.find() ? new Location(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))) : null;
    }

    /** The document reference being evaluated when this failure happened, if known. */
    public java.util.Optional<String> reference() {
        return java.util.Optional.ofNullable(reference);
    }

    private static final java.util.regex.Pattern POSITION =
            java.util.regex.Pattern.compile("^([^\\s]+):(\\d{1,9}):(\\d{1,9}): ");

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

    /** A resource limit hit at {@code loc} (null when not known here; the caller adds it). */
    static RegoException resource(Ast.Loc loc, String msg) {
        return new RegoException("eval_resource_error", loc == null ? msg : loc + ": " + msg);
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
