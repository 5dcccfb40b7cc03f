package io.rapidjava.tests.fuzz;

import static io.rapidjava.tests.fuzz.Template.noise;
import static io.rapidjava.tests.fuzz.Template.pick;
import static io.rapidjava.tests.fuzz.Template.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The mutation operators: each turns a valid request into a slightly (or thoroughly) broken one. */
enum Mutation {

    FLIP_BYTES {
        void apply(Draft d, Random r) {
            int n = 1 + r.nextInt(4);
            d.byteEdits.add((b, rr) -> {
                byte[] c = b.clone();
                for (int i = 0; i < n && c.length > 0; i++) {
                    c[rr.nextInt(c.length)] = (byte) rr.nextInt(256);
                }
                return c;
            });
        }
    },
    INSERT_BYTES {
        void apply(Draft d, Random r) {
            String junk = pick(r, "\u0000", "\r", "\n", "\r\n", "\u00ff\u00fe", "\u00c3\u0028", " ", "\t", ":", noise(r, 8));
            d.byteEdits.add((b, rr) -> {
                int at = rr.nextInt(b.length + 1);
                byte[] j = junk.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                byte[] c = new byte[b.length + j.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(j, 0, c, at, j.length);
                System.arraycopy(b, at, c, at + j.length, b.length - at);
                return c;
            });
        }
    },
    TRUNCATE {
        void apply(Draft d, Random r) {
            d.byteEdits.add((b, rr) -> Arrays.copyOf(b, b.length == 0 ? 0 : rr.nextInt(b.length)));
            d.ending = r.nextBoolean() ? Ending.HALF_CLOSE : Ending.ABORT;
        }
    },
    GARBAGE {
        void apply(Draft d, Random r) {
            String junk = switch (r.nextInt(4)) {
                case 0 -> noise(r, 1 + r.nextInt(2000));
                case 1 -> "\r\n\r\n\r\n";
                case 2 -> "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003"; // a TLS client hello's start
                default -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
            };
            boolean replace = r.nextBoolean();
            d.byteEdits.add((b, rr) -> {
                byte[] j = junk.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (replace) {
                    return j;
                }
                byte[] c = Arrays.copyOf(j, j.length + b.length);
                System.arraycopy(b, 0, c, j.length, b.length);
                return c;
            });
        }
    },
    DROP_HEADER {
        void apply(Draft d, Random r) {
            List<RawRequest.Header> h = d.request.headers;
            if (!h.isEmpty()) {
                h.remove(r.nextInt(h.size()));
            }
        }
    },
    DUPLICATE_HEADER {
        void apply(Draft d, Random r) {
            List<RawRequest.Header> h = d.request.headers;
            if (!h.isEmpty()) {
                RawRequest.Header one = h.get(r.nextInt(h.size()));
                String value = r.nextBoolean() ? one.value() : one.value() + "x";
                h.add(r.nextInt(h.size() + 1), new RawRequest.Header(one.name(), value));
            }
        }
    },
    GARBLE_HEADER {
        void apply(Draft d, Random r) {
            List<RawRequest.Header> h = d.request.headers;
            if (h.isEmpty()) {
                return;
            }
            int i = r.nextInt(h.size());
            RawRequest.Header one = h.get(i);
            String name = one.name() == null ? "X" : one.name();
            h.set(i, switch (r.nextInt(9)) {
                case 0 -> new RawRequest.Header(name + " ", one.value());
                case 1 -> new RawRequest.Header("Na(m)e\u00ff", one.value());
                case 2 -> new RawRequest.Header(null, name + " " + one.value());
                case 3 -> new RawRequest.Header(name, one.value() + "\u0001\u007f");
                case 4 -> new RawRequest.Header(name, one.value() + "\rX-Injected: 1");
                case 5 -> new RawRequest.Header(name, one.value() + "\r\n  folded continuation");
                case 6 -> new RawRequest.Header("", one.value());
                case 7 -> new RawRequest.Header(name, one.value() + "\u00c3\u0028\u00ff");
                default -> new RawRequest.Header(name, "");
            });
        }
    },
    LENGTH_LIE {
        void apply(Draft d, Random r) {
            int real = d.request.body.length();
            String lie = switch (r.nextInt(12)) {
                case 0 -> Integer.toString(real + 1 + r.nextInt(50));
                case 1 -> Integer.toString(Math.max(0, real - 1 - r.nextInt(50)));
                case 2 -> "0";
                case 3 -> "-1";
                case 4 -> "zz";
                case 5 -> " " + real + " ";
                case 6 -> real + " " + real;
                case 7 -> "99999999999999999999";
                case 8 -> "9223372036854775807";
                case 9 -> "6291557";
                case 10 -> "0x" + Integer.toHexString(real);
                default -> "+" + real;
            };
            if (r.nextInt(4) == 0) {
                d.request.header("Content-Length", lie); // a second, conflicting length
            } else {
                d.request.set("Content-Length", lie);
            }
        }
    },
    CHUNK_GARBAGE {
        void apply(Draft d, Random r) {
            RawRequest q = d.request;
            if (q.chunks == null) {
                q.headers.removeIf(h -> "Content-Length".equalsIgnoreCase(h.name()) && r.nextBoolean());
                q.chunked(q.body.isEmpty() ? "x" : q.body, r);
            }
            List<RawRequest.Chunk> c = q.chunks;
            switch (r.nextInt(10)) {
                case 0 -> c.add(0, new RawRequest.Chunk("zz", "ab"));
                case 1 -> c.add(0, new RawRequest.Chunk("ffffffffffffffff", "ab"));
                case 2 -> c.add(0, new RawRequest.Chunk("-1", "ab"));
                case 3 -> c.add(0, new RawRequest.Chunk("2;ext=\u00ff", "ab"));
                case 4 -> c.add(0, new RawRequest.Chunk("10", "ab"));
                case 5 -> c.add(0, new RawRequest.Chunk("1", "abc"));
                case 6 -> q.chunkEnd = "";
                case 7 -> q.chunkEnd = "0\r\ngarbage trailer without colon\r\n\r\n";
                case 8 -> q.set("Transfer-Encoding", pick(r, "chunked, gzip", "identity", "xchunked", "chunked\u00ff", "gzip"));
                default -> q.header("Content-Length", Integer.toString(q.body.length()));
            }
        }
    },
    OVERSIZE {
        void apply(Draft d, Random r) {
            RawRequest q = d.request;
            switch (r.nextInt(5)) {
                case 0 -> q.header("X-Huge", run('h', pick(r, List.of(9 * 1024, 64 * 1024, 200 * 1024))));
                case 1 -> {
                    int n = pick(r, List.of(150, 1000));
                    for (int i = 0; i < n; i++) {
                        q.header("X-Many-" + i, "v");
                    }
                }
                case 2 -> q.target = q.target + "/" + run('p', pick(r, List.of(5000, 70_000)));
                case 3 -> q.target = q.target + "?q=" + run('q', pick(r, List.of(4100, 100_000)));
                default -> q.method = run('M', 5000);
            }
        }
    },
    METHOD {
        void apply(Draft d, Random r) {
            d.request.method = pick(r, "GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "post",
                    "P0ST", "", "GET GET", "\u0000", "BREW", "PRI");
        }
    },
    VERSION {
        void apply(Draft d, Random r) {
            d.request.version = pick(r, "HTTP/1.0", "", "HTTP/2.0", "HTTP/1.2", "HTTP/1.1x", "http/1.1", "HTTP/11",
                    "HTTP/1.1 extra", "HTTP/9.9", "HTTP/");
        }
    },
    HOST {
        void apply(Draft d, Random r) {
            RawRequest q = d.request;
            q.headers.removeIf(h -> "Host".equalsIgnoreCase(h.name()));
            switch (r.nextInt(4)) {
                case 0 -> { }
                case 1 -> q.header("Host", "");
                case 2 -> q.header("Host", "a b:c:d");
                default -> {
                    q.header("Host", "127.0.0.1");
                    q.header("Host", "evil.example");
                }
            }
        }
    },
    PATH {
        void apply(Draft d, Random r) {
            RawRequest q = d.request;
            q.target = switch (r.nextInt(10)) {
                case 0 -> q.target + "/";
                case 1 -> q.target.replace("/", "//");
                case 2 -> q.target + "/../x";
                case 3 -> q.target + "%zz";
                case 4 -> q.target + "%00";
                case 5 -> q.target.replaceFirst("/([^/]*)$", "%2F$1");
                case 6 -> q.target + "?a=\u00ff&b=%ff";
                case 7 -> q.target + "#frag";
                case 8 -> "http://127.0.0.1" + q.target;
                default -> "*";
            };
        }
    },
    CONTENT_TYPE {
        void apply(Draft d, Random r) {
            d.request.set("Content-Type", pick(r, "", "application/json; charset=\u00ff", "multipart/form-data; boundary=",
                    "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "text/plain;;;=",
                    run('c', 3000), "application/json, text/plain", RawRequest.utf8("ãpplication/☃")));
        }
    },
    EXPECT {
        void apply(Draft d, Random r) {
            d.request.header("Expect", pick(r, "100-continue", "garbage", "100-continue, 100-continue", ""));
        }
    },
    CONNECTION {
        void apply(Draft d, Random r) {
            d.request.header("Connection", pick(r, "close", "keep-alive", "Upgrade", "\u00ff"));
            if (r.nextBoolean()) {
                d.request.header("Upgrade", pick(r, "websocket", "h2c", "garbage"));
            }
        }
    },
    BODY_UTF8 {
        void apply(Draft d, Random r) {
            RawRequest q = d.request;
            String bad = pick(r, "\u00c3\u0028", "\u00ff\u00fe\u00fd", "\u00ed\u00a0\u0080", "\u00f8\u0088\u0080\u0080\u0080", "\u0000");
            int at = r.nextInt(q.body.length() + 1);
            q.body = q.body.substring(0, at) + bad + q.body.substring(at);
            if (q.chunks != null) {
                q.chunks.add(RawRequest.Chunk.of(bad));
            }
        }
    },
    PIPELINE {
        void apply(Draft d, Random r) {
            RawRequest last = d.request;
            while (last.pipelined != null) {
                last = last.pipelined;
            }
            last.pipelined = new RawRequest(d.request.method, d.request.target);
            last.pipelined.headers.addAll(new ArrayList<>(d.request.headers));
            last.pipelined.body = d.request.body;
            last.pipelined.chunks = d.request.chunks == null ? null : new ArrayList<>(d.request.chunks);
        }
    },
    FRAGMENT {
        void apply(Draft d, Random r) {
            d.writes = 2 + r.nextInt(3);
        }
    };

    abstract void apply(Draft d, Random r);

    static Mutation pickOne(Random r) {
        Mutation[] all = values();
        return all[r.nextInt(all.length)];
    }
}
