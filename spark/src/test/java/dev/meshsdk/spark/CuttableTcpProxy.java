package dev.meshsdk.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP forwarder on 127.0.0.1 in front of a real server, that can make the server "go away": {@link #cut()}
 * closes the listening socket and every live connection, so that clients see their connections reset and new
 * connections refused; {@link #restore()} listens again on the same port. Bytes are forwarded untouched (AWS
 * signatures over the Host header stay valid).
 *
 * <p>{@link #cutWhenClientSends} arms a deterministic cut: as soon as a client sends the given text (for example
 * an HTTP request line {@code PUT /bucket/table/part-}), the proxy cuts before forwarding that chunk, so the
 * request never reaches the server.
 */
final class CuttableTcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile String trigger;

    private CuttableTcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        acceptLoop(listener);
    }

    /** A proxy to {@code host:port}, listening on a free port of 127.0.0.1. */
    static CuttableTcpProxy to(String host, int port) {
        try {
            return new CuttableTcpProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test TCP proxy: " + e.getMessage(), e);
        }
    }

    /** The proxy's endpoint, {@code http://127.0.0.1:<port>}. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Cuts as soon as a client sends {@code text} (once), before that chunk reaches the server. */
    void cutWhenClientSends(String text) {
        trigger = text;
    }

    /** How many times the proxy was cut. */
    int cuts() {
        return cuts.get();
    }

    /** The server goes away: nothing listens on the port any more, and every open connection is closed. */
    synchronized void cut() {
        trigger = null;
        ServerSocket l = listener;
        listener = null;
        if (l == null) return;
        cuts.incrementAndGet();
        closeQuietly(l);
        for (Socket s : live) closeQuietly(s);
        live.clear();
    }

    /** The server is back, on the same port. */
    synchronized void restore() {
        if (listener != null) return;
        try {
            listener = listen(port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen again on port " + port + ": " + e.getMessage(), e);
        }
        acceptLoop(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private void acceptLoop(ServerSocket l) {
        Thread t = new Thread(
                () -> {
                    while (!l.isClosed()) {
                        Socket client;
                        try {
                            client = l.accept();
                        } catch (IOException e) {
                            return; // cut
                        }
                        Socket server = new Socket();
                        try {
                            server.connect(target, 5_000);
                        } catch (IOException e) {
                            closeQuietly(client);
                            closeQuietly(server);
                            continue;
                        }
                        live.add(client);
                        live.add(server);
                        if (listener != l) { // cut while connecting
                            closeQuietly(client);
                            closeQuietly(server);
                            continue;
                        }
                        pump(client, server, true);
                        pump(server, client, false);
                    }
                },
                "proxy-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[16 * 1024];
                    String tail = "";
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            String armed = fromClient ? trigger : null;
                            if (armed != null) {
                                // ISO-8859-1 maps bytes to chars one to one; the tail catches a match split across
                                // reads
                                String window = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                                if (window.contains(armed)) {
                                    cut();
                                    return;
                                }
                                tail = window.substring(Math.max(0, window.length() - armed.length() + 1));
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the other side closed, or the proxy was cut
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        live.remove(from);
                        live.remove(to);
                    }
                },
                "proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
