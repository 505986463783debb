package io.agentplatform.agentservice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load driver counts a response only once all of it arrived, however the bytes are split across reads. */
class SelectorLoadResponseTest {

    private static ByteBuffer read(String bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        buffer.put(bytes.getBytes(StandardCharsets.ISO_8859_1));
        return buffer;
    }

    @Test
    void aResponseWithContentLengthEndsAfterItsBody() {
        String response = "HTTP/1.1 201 \r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}";
        assertThat(SelectorLoad.Response.length(read(response))).isEqualTo(response.length());
        assertThat(SelectorLoad.Response.status(read(response))).isEqualTo(201);
    }

    @Test
    void aResponseIsIncompleteUntilItsWholeBodyArrived() {
        assertThat(SelectorLoad.Response.length(read("HTTP/1.1 201 \r\nContent-Length: 7\r\n\r\n{\"a\""))).isEqualTo(-1);
        assertThat(SelectorLoad.Response.length(read("HTTP/1.1 201 \r\nContent-Len"))).isEqualTo(-1);
    }

    @Test
    void aChunkedResponseEndsAfterItsLastChunkAndTrailers() {
        String response = "HTTP/1.1 200 \r\ntransfer-encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        assertThat(SelectorLoad.Response.length(read(response))).isEqualTo(response.length());
        assertThat(SelectorLoad.Response.length(read(response.substring(0, response.length() - 2)))).isEqualTo(-1);
        assertThat(SelectorLoad.Response.length(read(response.substring(0, response.length() - 12)))).isEqualTo(-1);
    }

    @Test
    void bytesOfTheNextResponseAreNotCountedInThisOne() {
        String first = "HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok";
        assertThat(SelectorLoad.Response.length(read(first + "HTTP/1.1 200 \r\n"))).isEqualTo(first.length());
    }

    @Test
    void aServerClosingTheConnectionSaysSo() {
        String closing = "HTTP/1.1 200 \r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        assertThat(SelectorLoad.Response.closes(read(closing), closing.length())).isTrue();
        String open = "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n";
        assertThat(SelectorLoad.Response.closes(read(open), open.length())).isFalse();
    }
}
