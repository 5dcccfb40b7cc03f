package io.rapidjava.tests.fuzz;

import io.rapidjava.tests.support.Daemon;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** The wire surfaces the fuzzer attacks, with their templates and the port each is served on. */
enum Api {
    INVOKE("invoke", InvokeTemplates.all(), Daemon::invokePort),
    RUNTIME("runtime", RuntimeApiTemplates.all(), Daemon::runtimeApiPort),
    EXTENSIONS("extensions", ExtensionsApiTemplates.all(), Daemon::runtimeApiPort),
    TELEMETRY("telemetry", TelemetryApiTemplates.all(), Daemon::runtimeApiPort),
    FUNCTION_URL("url", FunctionUrlTemplates.all(), Daemon::functionUrlPort);

    final String label;
    final List<Template> templates;
    private final ToIntFunction<Daemon> port;

    Api(String label, List<Template> templates, ToIntFunction<Daemon> port) {
        this.label = label;
        this.templates = templates;
        this.port = port;
    }

    int port(Daemon d) {
        return port.applyAsInt(d);
    }

    /**
     * Whether {@code bytes}, sent to this API, might be read as a runtime's {@code GET next} and so take an invoke
     * from the real runtime. Deliberately coarse: any request that mentions both a GET and {@code next} on the
     * Runtime API's port is never sent.
     */
    boolean takesAnInvoke(byte[] bytes) {
        if (this == INVOKE || this == FUNCTION_URL) {
            return false;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains("next") && text.contains("get") && text.contains("invocation");
    }

    static Api byLabel(String label) {
        for (Api a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown API " + label + " (invoke, runtime, extensions, telemetry, url)");
    }
}
