package dev.meshsdk.spi.data;

import dev.meshsdk.spi.AdapterContext;

/** Creates a {@link PortData}. Returned by {@link dev.meshsdk.spi.MeshPlugin#portData()}. */
public interface PortDataFactory {
    /** A unique name ({@code spark}, {@code postgres}, ...), for settings and messages. */
    String name();

    /** Creates it; must not connect or start an engine yet (the first call does). */
    PortData create(AdapterContext context);
}
