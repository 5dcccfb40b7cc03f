package io.rapidjava.rapid.http;

import io.rapidjava.rendering.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * AWS's event-stream framing ({@code application/vnd.amazon.eventstream}) of an {@code InvokeWithResponseStream}
 * answer. A message is a prelude (its total length and its headers' length, big-endian 32-bit, then the CRC32 of
 * those 8 bytes), its headers (name length, name, value type 7 = string, value length, value), its payload and the
 * CRC32 of everything before. Lambda sends {@code PayloadChunk} events, then one {@code InvokeComplete}.
 */
final class EventStream {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    /** The framing's own bound on a payload; chunks are cut well below it. */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
    private static final int PRELUDE_BYTES = 12;
    private static final int CRC_BYTES = 4;
    private static final byte STRING = 7;

    private EventStream() {
    }

    /** A {@code PayloadChunk} event carrying {@code payload} as it is. */
    static Buffer payloadChunk(Buffer payload) {
        return message("PayloadChunk", "application/octet-stream", payload);
    }

    /**
     * The closing {@code InvokeComplete} event: {@code errorCode} and {@code errorDetails} when the invoke failed,
     * {@code logTail} (base64 in {@code LogResult}) when the invoker asked for its Tail log; each left out when null.
     */
    static Buffer invokeComplete(String errorCode, String errorDetails, byte[] logTail) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (errorCode != null) {
            fields.put("ErrorCode", errorCode);
        }
        if (errorDetails != null) {
            fields.put("ErrorDetails", errorDetails);
        }
        if (logTail != null) {
            fields.put("LogResult", Base64.getEncoder().encodeToString(logTail));
        }
        return message("InvokeComplete", "application/json",
                Buffer.buffer(Json.bytes(fields)));
    }

    /** One event message with Lambda's three headers. */
    static Buffer message(String eventType, String contentType, Buffer payload) {
        if (payload.length() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("an event-stream payload holds at most " + MAX_PAYLOAD_BYTES + " bytes");
        }
        Buffer headers = Buffer.buffer(96);
        header(headers, ":event-type", eventType);
        header(headers, ":content-type", contentType);
        header(headers, ":message-type", "event");
        int total = PRELUDE_BYTES + headers.length() + payload.length() + CRC_BYTES;
        Buffer message = Buffer.buffer(total);
        message.appendInt(total).appendInt(headers.length());
        message.appendUnsignedInt(crc(message, 0, 8));
        message.appendBuffer(headers).appendBuffer(payload);
        message.appendUnsignedInt(crc(message, 0, message.length()));
        return message;
    }

    private static void header(Buffer headers, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        headers.appendByte((byte) n.length).appendBytes(n).appendByte(STRING).appendUnsignedShort(v.length)
                .appendBytes(v);
    }

    private static long crc(Buffer b, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(b.getBytes(from, to));
        return crc.getValue();
    }
}
