package io.rapidjava.tests.extensions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A real external extension written in Java, run by the tests with the JDK's source launcher
 * ({@code java JavaExtension.java <name> <outDir> <eventsJson>}) from a one-line bash wrapper in the extensions dir.
 * It depends on nothing but the JDK. Like the bash recorder it writes {@code <out>/<name>.register.*} and
 * {@code <out>/<name>.event-<n>.*} (status, headers, body; the status file last and atomically), logs
 * {@code <epoch ms> <eventType>} lines to {@code <out>/<name>.events.log}, and exits 0 after SHUTDOWN.
 *
 * <p>Not a test: it is compiled with the tests only so that a syntax error shows up at build time.
 */
public final class JavaExtension {

    private JavaExtension() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path out = Path.of(args[1]);
        String events = args.length > 2 ? args[2] : "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}";
        String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2020-01-01/extension/";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        System.out.println("java extension " + name + " starting (pid " + ProcessHandle.current().pid() + ")");
        write(out, name + ".pid", Long.toString(ProcessHandle.current().pid()));

        HttpResponse<String> reg = http.send(HttpRequest.newBuilder(URI.create(base + "register"))
                        .header("Lambda-Extension-Name", name)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(events)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        save(out, name + ".register", reg);
        if (reg.statusCode() != 200) {
            System.exit(1);
        }
        String id = reg.headers().firstValue("Lambda-Extension-Identifier").orElse("");

        for (int n = 1; ; n++) {
            HttpResponse<String> ev = http.send(HttpRequest.newBuilder(URI.create(base + "event/next"))
                            .header("Lambda-Extension-Identifier", id).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long at = System.currentTimeMillis();
            save(out, name + ".event-" + n, ev);
            if (ev.statusCode() != 200) {
                append(out, name + ".events.log", at + " next-failed " + ev.statusCode());
                System.exit(2);
            }
            String type = ev.body().contains("\"SHUTDOWN\"") ? "SHUTDOWN"
                    : ev.body().contains("\"INVOKE\"") ? "INVOKE" : "OTHER";
            append(out, name + ".events.log", at + " " + type);
            if (type.equals("SHUTDOWN")) {
                System.out.println("java extension " + name + " got SHUTDOWN");
                System.exit(0);
            }
        }
    }

    private static void save(Path out, String tag, HttpResponse<String> r) throws IOException {
        write(out, tag + ".headers", headerText(r.headers()));
        write(out, tag + ".body", r.body());
        write(out, tag + ".status", Integer.toString(r.statusCode()));
    }

    private static String headerText(HttpHeaders headers) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
            for (String v : e.getValue()) {
                sb.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        return sb.toString();
    }

    private static void write(Path out, String name, String content) throws IOException {
        Path tmp = out.resolve("." + name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, out.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void append(Path out, String name, String line) throws IOException {
        Files.writeString(out.resolve(name), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
