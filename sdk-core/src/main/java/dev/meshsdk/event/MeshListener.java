package dev.meshsdk.event;

/**
 * Receives progress events from validate, plan and deploy. The core reports through events rather than
 * logging; the Maven plugin turns them into log lines. Called on the thread doing the work.
 */
@FunctionalInterface
public interface MeshListener {
    void onEvent(MeshEvent event);

    static MeshListener none() {
        return e -> {};
    }
}
