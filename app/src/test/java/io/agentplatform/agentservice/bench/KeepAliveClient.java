package io.agentplatform.agentservice.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection that writes requests as bytes and reads only the status line, the headers it
 * needs and the body length (the readiness wait uses it); also builds the request bytes the load phases send
 * ({@link SelectorLoad}). The JDK's HttpClient costs several times more CPU per request; on a 2-core machine shared
 * with the service that would be measured as the service's slowness.
 */
final class KeepAliveClient implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] postJson(String path, String clientId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Client-ID: "
                + clientId + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Sends one request and returns the response status, reconnecting once if the server closed the connection. */
    int send(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        if (statusLine.length() < 12) {
            throw new IOException("bad status line");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        if (closes) {
            close();
        }
        return status;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
        socket = null;
    }
}
