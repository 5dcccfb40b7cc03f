package io.rapidjava.telemetry;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A subscription's {@code destination}: HTTP to a URI or TCP to a port, always on this machine. AWS: "Lambda sends
 * telemetry only to destinations that are inside the execution environment"; here a subscription can never send data
 * off the machine, whatever the host resolves to, because no name is resolved at all.
 */
final class Destinations {

    /** The names of the sandbox itself; any other host must be a loopback address literal. */
    private static final Set<String> SANDBOX_NAMES = Set.of("sandbox", "sandbox.localdomain", "localhost");

    private Destinations() {
    }

    /** {@code node} as {@link io.rapidjava.rendering.JsonTree} read it: Java {@code null} when absent. */
    static Destination of(Object node) {
        if (node == null) {
            throw new SubscriptionRequests.Invalid("destination", "is required");
        }
        if (!(node instanceof Map<?, ?> destination)) {
            throw new SubscriptionRequests.Invalid("destination", "must be an object");
        }
        String name = destination.get("protocol") instanceof String protocol ? protocol : "";
        return switch (name) {
            case "HTTP" -> http(destination.get("URI"));
            case "TCP" -> new Destination(Destination.Protocol.TCP, null,
                    SubscriptionRequests.bounded(required(destination.get("port"), "destination.port"), "destination.port",
                            1, 65_535, 0),
                    null);
            default -> throw new SubscriptionRequests.Invalid("destination.protocol", "must be HTTP or TCP");
        };
    }

    /**
     * The URI's port is required, as AWS's own error text has it ("URI port is not provided"); its path and query
     * are kept ({@code /} when it has no path).
     */
    private static Destination http(Object node) {
        required(node, "destination.URI");
        URI uri = absoluteHttp(node);
        if (!isSandbox(uri.getHost())) {
            throw new SubscriptionRequests.Invalid("destination.URI", "host " + uri.getHost()
                    + " is not the sandbox (sandbox, sandbox.localdomain, localhost or a loopback address)");
        }
        if (uri.getPort() == -1) {
            throw new SubscriptionRequests.Invalid("destination.URI", "port is not provided");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65_535) {
            throw new SubscriptionRequests.Invalid("destination.URI", "port must be between 1 and 65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Destination(Destination.Protocol.HTTP, (String) node, uri.getPort(), pathAndQuery);
    }

    private static URI absoluteHttp(Object node) {
        try {
            URI uri = node instanceof String text ? new URI(text) : null;
            if (uri != null && "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below, as any other URI that is not an absolute http one
        }
        throw new SubscriptionRequests.Invalid("destination.URI", "must be an absolute http URI");
    }

    /** The sandbox's names, 127.0.0.0/8 or ::1, from the literal alone. */
    static boolean isSandbox(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (SANDBOX_NAMES.contains(name)) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            return isLoopbackV6(name.substring(1, name.length() - 1));
        }
        return isLoopbackV4(name);
    }

    private static boolean isLoopbackV4(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets[0]) == 127;
    }

    /** Only a literal with a colon reaches InetAddress, which parses such a literal without any lookup. */
    private static boolean isLoopbackV6(String literal) {
        if (literal.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Object required(Object node, String field) {
        if (node == null) {
            throw new SubscriptionRequests.Invalid(field, "is required");
        }
        return node;
    }
}
