package io.rapidjava.metrics;

import java.util.function.Function;

/** One meter for each status a report can have, picked without allocating. */
record Outcomes<M>(M success, M error, M timeout) {

    static <M> Outcomes<M> of(Function<String, M> make) {
        return new Outcomes<>(make.apply("success"), make.apply("error"), make.apply("timeout"));
    }

    /** {@code success}, {@code timeout}, or anything else: {@code error}. */
    M get(String status) {
        return switch (status) {
            case "success" -> success;
            case "timeout" -> timeout;
            default -> error;
        };
    }
}
