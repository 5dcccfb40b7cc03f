package io.rapidjava.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One HTTP/1.x request as editable parts, so that mutations can lie about any of them. Every string is Latin-1:
 * one char per wire byte, which lets a mutation put any byte (invalid UTF-8 included) anywhere.
 */
final class RawRequest {

    /** The value of a {@code Content-Length} header that is filled with the body's real length when written. */
    static final String AUTO_LENGTH = "\u0000auto";

    /** A header line; a null name writes the value as the whole line (a line without a colon, a fold, ...). */
    record Header(String name, String value) {
        String line() {
            return name == null ? value : name + ": " + value;
        }
    }

    /** One chunk of a chunked body: the literal size line (which may lie) and the data. */
    record Chunk(String sizeLine, String data) {
        static Chunk of(String data) {
            return new Chunk(Integer.toHexString(data.length()), data);
        }
    }

    String method;
    String target;
    /** Empty for a request line without a version (HTTP/0.9 style). */
    String version = "HTTP/1.1";
    final List<Header> headers = new ArrayList<>();
    String body = "";
    /** Non-null: the body is sent as these chunks, then {@link #chunkEnd}. */
    List<Chunk> chunks;
    String chunkEnd = "0\r\n\r\n";
    /** A second request written right behind this one on the same connection. */
    RawRequest pipelined;

    RawRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    RawRequest header(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    /** A body framed by a truthful {@code Content-Length}. */
    RawRequest body(String latin1) {
        body = latin1;
        return header("Content-Length", AUTO_LENGTH);
    }

    /** The body sent chunked, split into one to three truthful chunks. */
    RawRequest chunked(String latin1, Random random) {
        body = latin1;
        chunks = new ArrayList<>();
        int parts = latin1.isEmpty() ? 0 : 1 + random.nextInt(Math.min(3, latin1.length()));
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int to = i == parts - 1 ? latin1.length() : from + 1 + random.nextInt(latin1.length() - from - (parts - i - 1));
            chunks.add(Chunk.of(latin1.substring(from, to)));
            from = to;
        }
        return header("Transfer-Encoding", "chunked");
    }

    /** Index of the first header named {@code name} (case-insensitive), or -1. */
    int indexOf(String name) {
        for (int i = 0; i < headers.size(); i++) {
            String n = headers.get(i).name();
            if (n != null && n.equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Sets (or adds) header {@code name}. */
    void set(String name, String value) {
        int i = indexOf(name);
        if (i < 0) {
            headers.add(new Header(name, value));
        } else {
            headers.set(i, new Header(headers.get(i).name(), value));
        }
    }

    /** The methods of this request and of every pipelined one, in order (a HEAD answer has no body). */
    List<String> methods() {
        List<String> all = new ArrayList<>();
        for (RawRequest r = this; r != null; r = r.pipelined) {
            all.add(r.method);
        }
        return all;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawRequest r = this; r != null; r = r.pipelined) {
            r.write(out);
        }
        return out.toByteArray();
    }

    private void write(ByteArrayOutputStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target);
        if (!version.isEmpty()) {
            sb.append(' ').append(version);
        }
        sb.append("\r\n");
        for (Header h : headers) {
            String line = h.line().replace(AUTO_LENGTH, Integer.toString(body.length()));
            sb.append(line).append("\r\n");
        }
        sb.append("\r\n");
        if (chunks == null) {
            sb.append(body);
        } else {
            for (Chunk c : chunks) {
                sb.append(c.sizeLine()).append("\r\n").append(c.data()).append("\r\n");
            }
            sb.append(chunkEnd);
        }
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Latin-1 form of the UTF-8 encoding of {@code text}: what the wire carries for real Unicode text. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
