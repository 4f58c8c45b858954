package dev.twinledger.localstack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One JVM shutdown hook for all launchers of this package, closing them last-started-first. Separate hooks would
 * run concurrently (the JVM gives no order), so a broker could vanish under services that are still draining.
 */
final class ShutdownHooks {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean installed;

    private ShutdownHooks() {
    }

    static synchronized void register(AutoCloseable resource) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::closeAll, "local-stack-shutdown"));
            installed = true;
        }
        OPEN.remove(resource);
        OPEN.push(resource);
    }

    static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (ShutdownHooks.class) {
                next = OPEN.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + next + ": " + e);
            }
        }
    }
}
