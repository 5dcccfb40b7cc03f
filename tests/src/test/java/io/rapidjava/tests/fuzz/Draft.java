package io.rapidjava.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** A request being mutated: its parts, the byte-level edits to apply once written, and how it is sent. */
final class Draft {

    final RawRequest request;
    final List<BiFunction<byte[], Random, byte[]>> byteEdits = new ArrayList<>();
    final List<String> applied = new ArrayList<>();
    Ending ending;
    /** How many writes the bytes are split into (separate TCP segments: the parser sees partial input). */
    int writes = 1;

    Draft(RawRequest request, Ending ending) {
        this.request = request;
        this.ending = ending;
    }

    byte[] bytes(Random random) {
        byte[] b = request.bytes();
        for (BiFunction<byte[], Random, byte[]> edit : byteEdits) {
            b = edit.apply(b, random);
        }
        return b;
    }
}
