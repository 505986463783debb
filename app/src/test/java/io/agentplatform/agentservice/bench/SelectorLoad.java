package io.agentplatform.agentservice.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop HTTP/1.1 load: each connection sends its next request as soon as the previous response arrived,
 * over keep-alive connections that a few selector threads serve, the way {@code pgbench -j 2} serves its clients
 * from two threads. A blocking thread per connection pays a thread wake-up per response; on the 2-core machine
 * shared with the service that was 0.03 ms of CPU per request (docs/benchmarks.md, sixth pass), charged to the
 * machine the service and PostgreSQL run on. Requests are written as prepared bytes: the JDK's HttpClient costs
 * several times more CPU per request.
 */
final class SelectorLoad {

    /** The bytes of a connection's next request. */
    interface Requests {
        byte[] next(int connection, long sequence);
    }

    private SelectorLoad() {
    }

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] postJson(String path, String clientId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Client-ID: "
                + clientId + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Runs {@code connections} closed-loop clients on {@code threads} selector threads until {@code duration} ends. */
    static Benchmark.Result run(String name, int port, int connections, int threads, Requests requests, int expectedStatus,
                                Duration duration) throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Tally>> tallies = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = new ArrayList<>();
            for (int c = t; c < connections; c += threads) {
                mine.add(c);
            }
            Callable<Tally> loop = () -> loop(port, mine, requests, expectedStatus, deadline);
            tallies.add(pool.submit(loop));
        }
        List<long[]> latencies = new ArrayList<>();
        long errors = 0;
        for (Future<Tally> tally : tallies) {
            latencies.add(tally.get().latencies());
            errors += tally.get().errors();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] merged = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Benchmark.Result(name, merged.length, errors, seconds, merged);
    }

    private record Tally(long[] latencies, long errors) {
    }

    /** One keep-alive connection: the request being sent, the bytes of the response read so far, when it started. */
    private static final class Connection {
        final int index;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long begin;
        long sequence;

        Connection(int index) {
            this.index = index;
        }
    }

    private static Tally loop(int port, List<Integer> indexes, Requests requests, int expectedStatus, long deadline)
            throws IOException {
        long[] latencies = new long[1 << 16];
        int count = 0;
        long errors = 0;
        try (Selector selector = Selector.open()) {
            List<Connection> connections = new ArrayList<>();
            for (int index : indexes) {
                Connection connection = new Connection(index);
                open(connection, selector, port);
                connections.add(connection);
                send(connection, requests);
            }
            while (System.nanoTime() < deadline) {
                selector.select(100);
                for (Iterator<SelectionKey> ready = selector.selectedKeys().iterator(); ready.hasNext(); ) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    Connection connection = (Connection) key.attachment();
                    try {
                        if (!key.isValid()) {
                            continue; // its connection was reopened earlier in this round
                        }
                        if (key.isWritable()) {
                            flush(connection);
                        }
                        if (!key.isValid() || !key.isReadable()) {
                            continue;
                        }
                        if (connection.channel.read(connection.in) < 0) {
                            throw new IOException("connection closed by the server");
                        }
                        int length = Response.length(connection.in);
                        if (length < 0) {
                            if (!connection.in.hasRemaining()) {
                                connection.in = grow(connection.in);
                            }
                            continue;
                        }
                        long took = System.nanoTime() - connection.begin;
                        boolean closes = Response.closes(connection.in, length);
                        if (Response.status(connection.in) == expectedStatus) {
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = took;
                        } else {
                            errors++;
                        }
                        consume(connection.in, length);
                        if (closes) {
                            reopen(connection, selector, port);
                        }
                        if (System.nanoTime() < deadline) {
                            send(connection, requests);
                        }
                    } catch (IOException e) {
                        errors++;
                        reopen(connection, selector, port);
                        send(connection, requests);
                    }
                }
            }
            for (Connection connection : connections) {
                connection.channel.close();
            }
        }
        return new Tally(Arrays.copyOf(latencies, count), errors);
    }

    private static void open(Connection connection, Selector selector, int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        connection.channel = channel;
        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        connection.in.clear();
    }

    private static void reopen(Connection connection, Selector selector, int port) throws IOException {
        connection.channel.close(); // also cancels its key; the new channel registers a key of its own
        open(connection, selector, port);
    }

    private static void send(Connection connection, Requests requests) throws IOException {
        connection.out = ByteBuffer.wrap(requests.next(connection.index, connection.sequence++));
        connection.begin = System.nanoTime();
        flush(connection);
    }

    private static void flush(Connection connection) throws IOException {
        connection.channel.write(connection.out);
        connection.key.interestOps(connection.out.hasRemaining()
                ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private static ByteBuffer grow(ByteBuffer buffer) {
        ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    /** Drops the first {@code length} bytes (one response) and keeps what followed, ready for more reads. */
    private static void consume(ByteBuffer buffer, int length) {
        buffer.flip();
        buffer.position(length);
        buffer.compact();
    }

    /** Reads just enough of a response in a buffer being filled (position = bytes read) to know where it ends. */
    static final class Response {

        private Response() {
        }

        static int status(ByteBuffer buffer) {
            return (buffer.get(9) - '0') * 100 + (buffer.get(10) - '0') * 10 + (buffer.get(11) - '0');
        }

        /** The length of the complete response at the start of the buffer, or -1 while it is incomplete. */
        static int length(ByteBuffer buffer) {
            int read = buffer.position();
            int headEnd = indexOf(buffer, 0, read, "\r\n\r\n");
            if (headEnd < 0) {
                return -1;
            }
            int bodyStart = headEnd + 4;
            String head = new String(buffer.array(), 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int lengthAt = head.indexOf("\r\ncontent-length:");
            if (lengthAt >= 0) {
                int valueStart = lengthAt + "\r\ncontent-length:".length();
                int valueEnd = head.indexOf("\r\n", valueStart);
                int length = Integer.parseInt(head.substring(valueStart, valueEnd < 0 ? head.length() : valueEnd).trim());
                return read >= bodyStart + length ? bodyStart + length : -1;
            }
            if (head.contains("\r\ntransfer-encoding: chunked")) {
                return chunkedEnd(buffer, bodyStart, read);
            }
            return bodyStart;
        }

        static boolean closes(ByteBuffer buffer, int length) {
            return new String(buffer.array(), 0, length, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT)
                    .contains("\r\nconnection: close");
        }

        private static int chunkedEnd(ByteBuffer buffer, int from, int read) {
            int at = from;
            while (true) {
                int lineEnd = indexOf(buffer, at, read, "\r\n");
                if (lineEnd < 0) {
                    return -1;
                }
                String sizeText = new String(buffer.array(), at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = sizeText.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
                at = lineEnd + 2;
                if (size == 0) {
                    int trailerEnd = indexOf(buffer, at - 2, read, "\r\n\r\n");
                    return trailerEnd < 0 ? -1 : trailerEnd + 4;
                }
                at += size + 2;
                if (at > read) {
                    return -1;
                }
            }
        }

        private static int indexOf(ByteBuffer buffer, int from, int to, String text) {
            byte[] bytes = buffer.array();
            outer:
            for (int i = from; i <= to - text.length(); i++) {
                for (int j = 0; j < text.length(); j++) {
                    if (bytes[i + j] != text.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
