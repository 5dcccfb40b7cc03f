package io.rapidjava.tests.embed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java twin of the bash {@code audit-log} extension, as its author would write it with nothing but the JDK:
 * registers for INVOKE and SHUTDOWN, logs {@code INVOKE <requestId>} per invoke, and at SHUTDOWN logs
 * {@code flushed <n> record(s)} and exits 0. Started by the {@code java-audit-log} wrapper with the source
 * launcher ({@code java AuditLogExtension.java <name>}).
 *
 * <p>Not a test: it is compiled with the tests only so that a mistake shows up at build time.
 */
public final class AuditLogExtension {

    private AuditLogExtension() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2020-01-01/extension/";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(api + "register"))
                .header("Lambda-Extension-Name", name)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (registered.statusCode() != 200) {
            System.out.println("cannot register: " + registered.statusCode() + " " + registered.body());
            System.exit(1);
        }
        String id = registered.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();
        System.out.println("registered as " + id);

        List<String> records = new ArrayList<>();
        while (true) {
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(api + "event/next"))
                    .header("Lambda-Extension-Identifier", id).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (next.statusCode() != 200) {
                System.out.println("event/next: " + next.statusCode());
                System.exit(2);
            }
            String event = next.body();
            switch (field(event, "eventType")) {
                case "INVOKE" -> {
                    records.add(field(event, "requestId"));
                    System.out.println("INVOKE " + records.getLast());
                }
                case "SHUTDOWN" -> {
                    System.out.println("SHUTDOWN " + field(event, "shutdownReason"));
                    System.out.println("flushed " + records.size() + " record(s)");
                    System.exit(0);
                }
                default -> System.out.println("unexpected event " + event);
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }
}
