package io.rapidjava.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The distinct failures of a run. Failures with one signature (API, kind, status, template) are counted
 * together and keep the shortest request seen as the reproducer.
 */
final class Findings {

    /** One distinct failure: what happened, how often, and the smallest request that did it. */
    record Finding(String signature, String what, FuzzCase reproducer, int count) {
    }

    private final long seed;
    private final Map<String, Finding> bySignature = new ConcurrentSkipListMap<>();

    Findings(long seed) {
        this.seed = seed;
    }

    /** A failure caused by one request ({@code c}), or by the daemon as a whole when {@code c} is null. */
    void add(String signature, String what, FuzzCase c) {
        bySignature.merge(signature, new Finding(signature, what, c, 1), (old, now) -> {
            boolean shorter = c != null
                    && (old.reproducer() == null || c.bytes().length < old.reproducer().bytes().length);
            return shorter ? new Finding(signature, now.what(), c, old.count() + 1)
                    : new Finding(signature, old.what(), old.reproducer(), old.count() + 1);
        });
    }

    /** A failure of the daemon as a whole that no single request is known to cause. */
    void add(String signature, String what) {
        add(signature, what, null);
    }

    boolean isEmpty() {
        return bySignature.isEmpty();
    }

    String report() {
        List<String> parts = new ArrayList<>();
        parts.add(bySignature.size() + " distinct failure(s); seed " + seed
                + " (replay: -Dfuzz.seed=" + seed + " [-Dfuzz.only=<api>:<index>[-<index>]])");
        for (Finding f : bySignature.values()) {
            StringBuilder sb = new StringBuilder();
            sb.append("* ").append(f.signature()).append(" x").append(f.count()).append(": ").append(f.what());
            FuzzCase c = f.reproducer();
            if (c != null) {
                sb.append("\n    case ").append(c.describe()).append(", replay -Dfuzz.seed=").append(seed)
                        .append(" -Dfuzz.only=").append(c.api().label).append(':').append(c.index())
                        .append("\n    request (").append(c.bytes().length).append(" bytes): ")
                        .append(Bytes.render(c.bytes()));
            }
            parts.add(sb.toString());
        }
        return String.join("\n", parts);
    }
}
