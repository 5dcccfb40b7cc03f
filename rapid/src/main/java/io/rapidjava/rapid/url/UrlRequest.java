package io.rapidjava.rapid.url;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request to the Function URL as its event is made of it: {@code rawQuery} without its {@code ?} (empty when
 * none), the headers in the order they came (names as sent), the whole body.
 */
record UrlRequest(String method, String rawPath, String rawQuery, String protocol, String sourceIp, int localPort,
                  List<Map.Entry<String, String>> headers, byte[] body) {
}
