package dev.meshsdk.storage.local;

import dev.meshsdk.spi.registry.DeployLock;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link FileRegistryLockTest}: takes the deploy lock of product {@code args[2]} in
 * environment {@code args[1]} under registry root {@code args[0]} as holder {@code args[3]}, prints
 * {@code LOCKED}, and holds it until killed or its standard input closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        DeployLock lock = new FileRegistry(Path.of(args[0])).locks().lock(args[2], args[1], args[3]);
        System.out.println("LOCKED");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the lock
        }
        lock.close();
    }
}
