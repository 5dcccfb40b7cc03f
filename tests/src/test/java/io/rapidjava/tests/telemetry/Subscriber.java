package io.rapidjava.tests.telemetry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A subscriber extension in Java, as an author would write one with nothing but the JDK. Run by a bash wrapper in
 * the extensions dir ({@link SubscriberConfig#install}) from the compiled test classes, configured by
 * {@code key=value} arguments: {@code name}, {@code out} (where it writes), {@code api} ({@code telemetry} or
 * {@code logs}), {@code schema}, {@code types} (comma list), {@code protocol} ({@code HTTP} or {@code TCP}),
 * {@code host} (of the HTTP URI), optional {@code maxItems}, {@code maxBytes}, {@code timeoutMs}, {@code stall}
 * (see {@link Listener}) and {@code after} (a file to wait for before subscribing: a late subscriber) and {@code events} (what it registers
 * for, a comma list; INVOKE,SHUTDOWN when not given).
 *
 * <p>It starts its {@link Listener} (batches to {@code <out>/<name>.batches}), registers (for INVOKE and SHUTDOWN),
 * subscribes during init and loops on {@code event/next}; it logs {@code registered <id>}, {@code subscribed
 * <status> <body>} and each event to {@code <out>/<name>.log}. At SHUTDOWN it appends the line {@code SHUTDOWN} to
 * its batches (after every batch it was sent) and exits 0.
 */
public final class Subscriber {

    private Subscriber() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> conf = Arrays.stream(args).map(a -> a.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, LinkedHashMap::new));
        String name = conf.get("name");
        Path out = Path.of(conf.get("out"));
        Path batches = out.resolve(name + ".batches");
        Path log = out.resolve(name + ".log");
        String protocol = conf.getOrDefault("protocol", "HTTP");
        Listener listener = Listener.start(protocol, batches, conf.getOrDefault("stall", "none"));

        String runtimeApi = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API");
        String events = Arrays.stream(conf.getOrDefault("events", "INVOKE,SHUTDOWN").split(","))
                .map(e -> "\"" + e + "\"").collect(Collectors.joining(","));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                        URI.create(runtimeApi + "/2020-01-01/extension/register"))
                .header("Lambda-Extension-Name", name)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + events + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = registered.headers().firstValue("Lambda-Extension-Identifier").orElse("");
        Listener.append(log, "registered " + registered.statusCode() + " " + id);

        if (conf.containsKey("after")) {
            Path after = Path.of(conf.get("after"));
            while (!Files.exists(after)) {
                Thread.sleep(20);
            }
        }
        String path = conf.get("api").equals("logs") ? "/2020-08-15/logs" : "/2022-07-01/telemetry";
        HttpResponse<String> subscribed = http.send(HttpRequest.newBuilder(URI.create(runtimeApi + path))
                        .header("Lambda-Extension-Identifier", id)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(subscription(conf, protocol, listener.port())))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Listener.append(log, "subscribed " + subscribed.statusCode() + " " + subscribed.body().strip());
        System.out.println("subscriber " + name + " subscribed " + subscribed.statusCode());

        while (true) {
            HttpResponse<String> event = http.send(HttpRequest.newBuilder(
                            URI.create(runtimeApi + "/2020-01-01/extension/event/next"))
                    .header("Lambda-Extension-Identifier", id).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (event.statusCode() != 200) {
                Listener.append(log, "next-failed " + event.statusCode());
                System.exit(2);
            }
            if (event.body().contains("\"SHUTDOWN\"")) {
                Listener.append(batches, "SHUTDOWN");
                Listener.append(log, "SHUTDOWN");
                System.exit(0);
            }
            Listener.append(log, "INVOKE");
        }
    }

    private static String subscription(Map<String, String> conf, String protocol, int port) {
        String destination = protocol.equals("TCP")
                ? "{\"protocol\":\"TCP\",\"port\":" + port + "}"
                : "{\"protocol\":\"HTTP\",\"URI\":\"http://" + conf.getOrDefault("host", "sandbox.localdomain") + ":"
                        + port + "/" + conf.get("name") + "\"}";
        String types = Arrays.stream(conf.get("types").split(",")).map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        String buffering = Stream.of("maxItems", "maxBytes", "timeoutMs")
                .filter(conf::containsKey).map(k -> "\"" + k + "\":" + conf.get(k))
                .collect(Collectors.joining(","));
        return "{\"schemaVersion\":\"" + conf.get("schema") + "\",\"destination\":" + destination
                + ",\"types\":" + types + (buffering.isEmpty() ? "" : ",\"buffering\":{" + buffering + "}") + "}";
    }
}
