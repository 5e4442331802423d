package dev.meshsdk.rego;

/**
 * An immutable chain of variable bindings. A null value marks a variable declared (by
 * {@code some} or {@code :=}) but not yet bound, shadowing outer bindings of the same name.
 */
final class Bindings {
    static final Bindings EMPTY = new Bindings(null, null, null);

    private final String name;
    private final RegoValue value;
    private final Bindings next;

    private Bindings(String name, RegoValue value, Bindings next) {
        this.name = name;
        this.value = value;
        this.next = next;
    }

    Bindings bind(String n, RegoValue v) {
        return new Bindings(n, v, this);
    }

    Bindings declare(String n) {
        return new Bindings(n, null, this);
    }

    /** The bound value, or null if unbound or declared-unbound. */
    RegoValue get(String n) {
        for (Bindings b = this; b != null && b.name != null; b = b.next) {
            if (b.name.equals(n)) {
                return b.value;
            }
        }
        return null;
    }
}
