package dev.paddock.server.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 request on a socket, for tests that hang up mid-response. */
final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Sends a JSON POST and returns without reading the answer. */
    static RawHttp post(URL server, String path, String json) throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(10_000);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return new RawHttp(socket);
    }

    /** Reads until the text appears in the response; returns everything read. */
    String readUntil(String text) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (read.indexOf(text) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before '" + text + "' in: " + read);
            }
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return read.toString();
    }

    /** Hangs up. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
