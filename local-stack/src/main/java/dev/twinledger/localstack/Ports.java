package dev.twinledger.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for launchers and tests that must not collide with each other or with a developer's local run. */
public final class Ports {

    private Ports() {
    }

    /**
     * A TCP port that was free on 127.0.0.1 a moment ago. Another process may still take it before the caller binds
     * it; launchers fail with a clear message in that case.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    /** Whether {@code port} can be bound on 127.0.0.1 right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code port} if it is positive, otherwise a free port. */
    static int orFree(int port) {
        return port > 0 ? port : freePort();
    }
}
