package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A thread's generator and the JSON text it wrote for the value at hand, one value after the other at its root: a
 * fresh writer and generator were most of a small body's allocation. Characters, not bytes: the byte generator would
 * escape characters above U+FFFF, and Go writes them raw. A value that failed takes the generator along.
 */
final class JsonScratch extends Writer {

    private static final ThreadLocal<JsonScratch> SCRATCH = ThreadLocal.withInitial(JsonScratch::new);

    /** Kept between values up to this; a larger value leaves a fresh buffer behind. */
    private static final int KEPT_CHARS = 16 * 1024;

    private char[] text = new char[512];
    private int length;
    private JsonGenerator generator;

    private JsonScratch() {
    }

    /** This thread's scratch holding {@code value}'s JSON text, until {@link #reset()}. */
    static JsonScratch write(Object value) {
        JsonScratch scratch = SCRATCH.get();
        try {
            if (scratch.generator == null) {
                scratch.generator = Json.FACTORY.createGenerator(scratch);
                scratch.generator.setRootValueSeparator(null);
            }
            Json.write(scratch.generator, value);
            scratch.generator.flush();
        } catch (IOException e) {
            scratch.discard();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            scratch.discard();
            throw e;
        }
        return scratch;
    }

    char[] text() {
        return text;
    }

    int length() {
        return length;
    }

    /** Ready for the next value, once this one's text has been encoded. */
    void reset() {
        length = 0;
        if (text.length > KEPT_CHARS) {
            text = new char[512];
        }
    }

    private void discard() {
        generator = null;
        length = 0;
    }

    @Override
    public void write(char[] chars, int offset, int count) {
        grow(count);
        System.arraycopy(chars, offset, text, length, count);
        length += count;
    }

    @Override
    public void write(String chars, int offset, int count) {
        grow(count);
        chars.getChars(offset, offset + count, text, length);
        length += count;
    }

    private void grow(int count) {
        if (length + count > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, length + count));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
