package dev.meshsdk.spi.policy;

import java.util.Objects;

/**
 * Access that the policies withhold although the contract's {@code roles} grant it: the storage adapter
 * does not grant it, and revokes it where it was granted before.
 *
 * @param port      the output port's name, or {@code *} for every port of the product
 * @param principal the role, user or group as the contract names it
 * @param reason    why, as the policy says it (shown to the user)
 */
public record WithheldAccess(String port, String principal, String reason) {
    public WithheldAccess {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(principal, "principal");
        reason = reason == null ? "" : reason;
    }

    /** Whether this withholds {@code principal}'s access to {@code portName}. */
    public boolean covers(String portName, String principalName) {
        return (port.equals("*") || port.equals(portName)) && principal.equals(principalName);
    }
}
