package dev.paddock.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The benchmark's HTTP/1.1 client: a blocking socket per load thread, kept alive between requests, the
 * body read on the calling thread as it arrives. It replaces {@code java.net.http.HttpClient}, whose
 * thread hand-offs per received chunk cost the client itself about a millisecond of time to first
 * token under load on a 2-core machine; that cost was counted against every server measured. Both
 * servers get the same client.
 */
final class LoopbackHttp {

    private final InetSocketAddress address;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    LoopbackHttp(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    /**
     * Sends a JSON POST and hands each body line to {@code onLine} as soon as it is read; the body is
     * always read to its end so that the connection can be used again.
     *
     * @param onLine returns false once it wants no more lines (the rest is read and dropped)
     * @return the response's status code
     */
    int post(String path, String json, Predicate<String> onLine) throws IOException {
        return post(path, "", json, onLine);
    }

    /**
     * The same with more request headers.
     *
     * @param headers complete header lines, each ending in CRLF (e.g. {@code "x-paddock-priority: batch\r\n"}),
     *        or ""
     */
    int post(String path, String headers, String json, Predicate<String> onLine) throws IOException {
        Connection c = connections.get();
        if (c != null) {
            try {
                return c.exchange(path, headers, json, onLine);
            } catch (EOFException stale) {
                // the server closed the idle connection: open a new one and send again
                c.close();
            }
        }
        c = new Connection(address);
        connections.set(c);
        return c.exchange(path, headers, json, onLine);
    }

    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;
        private boolean open = true;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 10_000);
            socket.setSoTimeout(300_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 14);
            host = address.getHostString() + ":" + address.getPort();
        }

        int exchange(String path, String headers, String json, Predicate<String> onLine) throws IOException {
            if (!open) {
                throw new EOFException("closed");
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Accept: */*\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = readLine();
            if (status == null) {
                throw new EOFException("connection closed before the response");
            }
            int code = Integer.parseInt(status.split(" ", 3)[1]);
            Body framing = headers();
            new LineReader(onLine).read(framing, this);
            if (!framing.keepAlive) {
                close();
            }
            return code;
        }

        private Body headers() throws IOException {
            Body b = new Body();
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> b.length = Long.parseLong(value);
                    case "transfer-encoding" -> b.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> b.keepAlive = !value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            return b;
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8).stripTrailing();
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private static final class Body {
        long length = -1;
        boolean chunked;
        boolean keepAlive = true;
    }

    /** Splits a body (chunked, sized or until close) into lines, handed over as they complete. */
    private static final class LineReader {

        private final Predicate<String> onLine;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private boolean wanted = true;

        LineReader(Predicate<String> onLine) {
            this.onLine = onLine;
        }

        void read(Body b, Connection c) throws IOException {
            if (b.chunked) {
                for (long size = chunkSize(c); size > 0; size = chunkSize(c)) {
                    copy(c.in, size);
                    c.readLine();
                }
                for (String trailer = c.readLine(); trailer != null && !trailer.isEmpty(); trailer = c.readLine()) {
                    // trailers are not used
                }
            } else if (b.length >= 0) {
                copy(c.in, b.length);
            } else {
                copy(c.in, Long.MAX_VALUE);
                b.keepAlive = false;
            }
            if (line.size() > 0) {
                emit();
            }
        }

        private static long chunkSize(Connection c) throws IOException {
            String size = c.readLine();
            if (size == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int ext = size.indexOf(';');
            return Long.parseLong((ext >= 0 ? size.substring(0, ext) : size).trim(), 16);
        }

        private void copy(InputStream in, long count) throws IOException {
            for (long i = 0; i < count; i++) {
                int b = in.read();
                if (b == -1) {
                    if (count == Long.MAX_VALUE) {
                        return;
                    }
                    throw new EOFException("connection closed inside the body");
                }
                if (b == '\n') {
                    emit();
                } else {
                    line.write(b);
                }
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (wanted) {
                wanted = onLine.test(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            }
        }
    }
}
