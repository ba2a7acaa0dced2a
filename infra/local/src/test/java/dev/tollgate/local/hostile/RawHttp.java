package dev.tollgate.local.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: a hostile request must reach the server
 * as written (any method, raw path bytes, invalid UTF-8, duplicate headers), which java.net.http
 * refuses to send.
 */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, byte[] body, long nanos) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** {@code head} is the request line's target plus any header lines, as raw bytes, without Host / Connection / Content-Length. */
    public Answer send(String method, byte[] target, Map<String, String> headers, byte[] body) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(method.getBytes(StandardCharsets.ISO_8859_1));
            request.write(' ');
            request.write(target);
            request.write(" HTTP/1.1\r\nHost: 127.0.0.1:".getBytes(StandardCharsets.ISO_8859_1));
            request.write(Integer.toString(port).getBytes(StandardCharsets.ISO_8859_1));
            request.write("\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> header : headers.entrySet()) {
                // A name may carry a "#n" suffix so that one header can be sent twice.
                String name = header.getKey().replaceAll("#\\d+$", "");
                request.write((name + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer and close before reading all of a huge request; read what it said.
            }
            return read(socket.getInputStream(), start);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + method + " " + new String(target, StandardCharsets.ISO_8859_1)
                    .substring(0, Math.min(80, target.length)), e);
        }
    }

    private static Answer read(InputStream in, long start) throws IOException {
        byte[] all = in.readAllBytes();
        long nanos = System.nanoTime() - start;
        String raw = new String(all, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer (" + all.length + " bytes)");
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body, nanos);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
