package dev.tollgate.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One validation sent from a chosen loopback address (127.x.y.z: Linux routes all of 127/8 to the
 * loopback device), so tests and benchmarks can be "many clients" for the per-address limit, which
 * reads the TCP peer. A connection per request, closed after it.
 */
final class SourceAddressHttp {

    private SourceAddressHttp() {
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** The n-th distinct loopback address other than 127.0.0.1. */
    static InetAddress address(int n) {
        try {
            int i = n + 1;
            return InetAddress.getByAddress(new byte[] {127, (byte) (1 + (i >> 16 & 0x7f)), (byte) (i >> 8), (byte) i});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer validate(InetAddress from, int port, String key) throws IOException {
        byte[] body = ("{\"licenseKey\":\"" + key + "\",\"product\":\"zendesk-mcp\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/licenses/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String raw = all.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] head = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
        }
        return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4));
    }
}
