package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Our event-stream framing, read back by AWS's own decoder (which checks both CRCs) and by the spec's layout. */
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Message decodeOne(Buffer framed) {
        return Message.decode(ByteBuffer.wrap(framed.getBytes()));
    }

    private static String header(Message m, String name) {
        HeaderValue v = m.getHeaders().get(name);
        return v == null ? null : v.getString();
    }

    @Test
    void payloadChunkCarriesItsBytesAndLambdasHeaders() {
        byte[] bytes = "hello, streaming ✓".getBytes(StandardCharsets.UTF_8);
        Message m = decodeOne(EventStream.payloadChunk(Buffer.buffer(bytes)));
        assertArrayEquals(bytes, m.getPayload());
        assertEquals("PayloadChunk", header(m, ":event-type"));
        assertEquals("application/octet-stream", header(m, ":content-type"));
        assertEquals("event", header(m, ":message-type"));
        assertEquals(3, m.getHeaders().size());
    }

    @Test
    void preludeLengthsAndCrcsAreAsTheSpecLaysThemOut() {
        Buffer framed = EventStream.payloadChunk(Buffer.buffer("abc"));
        byte[] b = framed.getBytes();
        ByteBuffer view = ByteBuffer.wrap(b);
        int total = view.getInt(0);
        int headers = view.getInt(4);
        assertEquals(b.length, total, "total length");
        assertEquals(total, 12 + headers + 3 + 4, "prelude + headers + payload + message CRC");
        assertEquals(crc(b, 0, 8), Integer.toUnsignedLong(view.getInt(8)), "prelude CRC");
        assertEquals(crc(b, 0, b.length - 4), Integer.toUnsignedLong(view.getInt(b.length - 4)), "message CRC");
        // the first header: name length, name, type 7 (string), 2-byte length, value
        int nameLength = b[12];
        assertEquals(":event-type", new String(b, 13, nameLength, StandardCharsets.US_ASCII));
        assertEquals(7, b[13 + nameLength]);
    }

    @Test
    void aCorruptedMessageFailsTheDecodersCrcCheck() {
        byte[] prelude = EventStream.payloadChunk(Buffer.buffer("abc")).getBytes();
        prelude[5] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> Message.decode(ByteBuffer.wrap(prelude)));
        byte[] payload = EventStream.payloadChunk(Buffer.buffer("abc")).getBytes();
        payload[payload.length - 5] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> Message.decode(ByteBuffer.wrap(payload)));
    }

    @Test
    void invokeCompleteOfASuccessIsAnEmptyObject() throws Exception {
        Message m = decodeOne(EventStream.invokeComplete(null, null, null));
        assertEquals("InvokeComplete", header(m, ":event-type"));
        assertEquals("application/json", header(m, ":content-type"));
        assertEquals(JSON.readTree("{}"), JSON.readTree(m.getPayload()));
    }

    @Test
    void invokeCompleteOfAFailureNamesTheErrorAndCarriesTheLogTail() throws Exception {
        byte[] tail = "START RequestId: x\nEND RequestId: x\n".getBytes(StandardCharsets.UTF_8);
        Message m = decodeOne(EventStream.invokeComplete("Function.Oops",
                "{\"errorMessage\":\"<boom>\",\"errorType\":\"Function.Oops\"}", tail));
        JsonNode complete = JSON.readTree(m.getPayload());
        assertEquals("Function.Oops", complete.get("ErrorCode").asText());
        assertEquals("{\"errorMessage\":\"<boom>\",\"errorType\":\"Function.Oops\"}", complete.get("ErrorDetails").asText());
        assertArrayEquals(tail, Base64.getDecoder().decode(complete.get("LogResult").asText()));
    }

    @Test
    void messagesSentBackToBackAreReadOneByOneAsTheyArrive() {
        Buffer stream = Buffer.buffer();
        for (String chunk : List.of("one", "", "three")) {
            stream.appendBuffer(EventStream.payloadChunk(Buffer.buffer(chunk)));
        }
        stream.appendBuffer(EventStream.invokeComplete(null, null, null));
        List<Message> seen = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(seen::add);
        byte[] all = stream.getBytes();
        for (int i = 0; i < all.length; i += 7) { // in pieces, as TCP may cut them
            decoder.feed(all, i, Math.min(7, all.length - i));
        }
        assertEquals(List.of("one", "", "three"), seen.subList(0, 3).stream()
                .map(m -> new String(m.getPayload(), StandardCharsets.UTF_8)).toList());
        assertEquals("InvokeComplete", header(seen.get(3), ":event-type"));
        assertEquals(4, seen.size());
    }

    @Test
    void aPayloadOverTheFramingsBoundIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> EventStream.payloadChunk(Buffer.buffer(new byte[EventStream.MAX_PAYLOAD_BYTES + 1])));
    }

    private static long crc(byte[] b, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(b, from, to - from);
        return crc.getValue();
    }
}
