package dev.meshsdk.spi.storage;

import dev.meshsdk.spi.PortBinding;
import java.util.List;

/**
 * The optional ability of a {@link StorageAdapter} to find, from the port's contract alone and without connecting
 * to anything, what it could not deploy: a format it does not write, a location it cannot parse, a type it cannot
 * map. {@code Mesh.validate} calls it for every output port of the environment, so these problems are reported,
 * located in the contract, beside every other port's before any store is reached; the engine also calls it before
 * {@link StorageAdapter#inspect} when planning and plans nothing for a port that has problems.
 *
 * <p>Called like the adapter's other methods: from one thread at a time. No side effects, no connection.
 */
public interface SupportsPortCheck {

    /**
     * Every problem of the port that the adapter can tell from its contract, each pointing into the contract
     * ({@link PortBinding#serverPointer()} + {@code /format}, {@code /schema/0/properties/2/physicalType}); empty
     * when it sees none. Never throws for a problem of the port: returns it.
     */
    List<PortProblems.Problem> check(PortBinding port);
}
