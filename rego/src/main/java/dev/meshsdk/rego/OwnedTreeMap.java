package dev.meshsdk.rego;

import java.util.TreeMap;

/**
 * A map built by this package for exactly one {@link RegoValue.Obj}, which may then wrap it without
 * the defensive copy it makes of maps it is given. Never mutated once wrapped.
 */
final class OwnedTreeMap extends TreeMap<RegoValue, RegoValue> {
    private static final long serialVersionUID = 1L;
}
