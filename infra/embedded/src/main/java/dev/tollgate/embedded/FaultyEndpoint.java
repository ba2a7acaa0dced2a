package dev.tollgate.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a real endpoint (DynamoDB Local, moto_server) that can play an outage:
 * {@link #refuse()} closes the port (connection refused, as a stopped server), {@link #stall()}
 * accepts and never answers (a slow or hung server), {@link #throttle(String)} answers every request
 * with AWS's JSON-protocol error as HTTP 400 (e.g. ProvisionedThroughputExceededException), and
 * {@link #pass()} forwards bytes unchanged. A change of mode drops every open connection, so a
 * client's pooled connection cannot carry on in the old mode.
 */
public final class FaultyEndpoint implements AutoCloseable {

    private enum Mode { PASS, REFUSE, STALL, THROTTLE }

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-endpoint");
        t.setDaemon(true);
        return t;
    });
    private volatile Mode mode = Mode.PASS;
    private volatile String errorType = "";
    private ServerSocket listener;

    private FaultyEndpoint(InetSocketAddress upstream) {
        this.upstream = upstream;
        this.port = freePort();
        listen();
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FaultyEndpoint inFrontOf(String host, int port) {
        return new FaultyEndpoint(new InetSocketAddress(host, port));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void pass() {
        change(Mode.PASS);
    }

    public synchronized void refuse() {
        change(Mode.REFUSE);
    }

    public synchronized void stall() {
        change(Mode.STALL);
    }

    /** {@code errorType} as AWS's JSON protocol names it, e.g. {@code ProvisionedThroughputExceededException}. */
    public synchronized void throttle(String errorType) {
        this.errorType = errorType;
        change(Mode.THROTTLE);
    }

    private void change(Mode next) {
        mode = next;
        open.forEach(FaultyEndpoint::closeQuietly);
        open.clear();
        if (next == Mode.REFUSE) {
            closeQuietly(listener);
            listener = null;
        } else if (listener == null) {
            listen();
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            threads.execute(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Mode now = mode;
                threads.execute(() -> serve(client, now));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client, Mode now) {
        try (client) {
            switch (now) {
                case PASS -> forward(client);
                case STALL -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
                case THROTTLE -> answerThrottled(client);
                case REFUSE -> { }
            }
        } catch (IOException dropped) {
            // the mode changed or the client gave up: either way this connection is over
        } finally {
            open.remove(client);
        }
    }

    private void forward(Socket client) throws IOException {
        try (Socket server = new Socket()) {
            server.connect(upstream, 2_000);
            open.add(server);
            threads.execute(() -> pump(client, server));
            pump(server, client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Reads one HTTP request and answers as an AWS JSON-protocol service under load does. */
    private void answerThrottled(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        String head = readHead(in);
        int length = contentLength(head);
        in.readNBytes(length);
        byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType
                + "\",\"message\":\"Rate exceeded\"}").getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "x-amzn-RequestId: faulty-endpoint\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new SocketException("closed before the request ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(listener);
        open.forEach(FaultyEndpoint::closeQuietly);
        threads.shutdownNow();
    }
}
