package io.rapidjava.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Bash runtimes for black-box tests.
 *
 * <p>{@link #RUNTIME_LOOP_PRELUDE} is a small bash library implementing the runtime side of the Lambda Runtime API
 * with curl. Paste it at the top of a bootstrap body:
 *
 * <pre>{@code
 * Scripts.bash(dir, "bootstrap", Scripts.RUNTIME_LOOP_PRELUDE + """
 *     while next; do
 *       respond_file "$EVENT_FILE"
 *     done
 *     """);
 * }</pre>
 *
 * <p>Variables and functions it defines:
 * <ul>
 *   <li>{@code HERE} — the directory of the bootstrap script (the test's temp dir): write observations there.</li>
 *   <li>{@code API} — {@code http://$AWS_LAMBDA_RUNTIME_API/2018-06-01}.</li>
 *   <li>{@code next} — long-polls {@code GET $API/runtime/invocation/next}; sets {@code NEXT_STATUS},
 *       {@code REQUEST_ID} (from {@code Lambda-Runtime-Aws-Request-Id}), {@code EVENT} (body, trailing newlines
 *       stripped), {@code EVENT_FILE} (exact body bytes) and {@code HEADERS_FILE} (raw response headers).
 *       Returns non-zero when curl fails or the status is not 200 (so {@code while next; do ...; done} ends when
 *       the daemon goes away).</li>
 *   <li>{@code header NAME} — prints the value of header NAME of the last {@code next} (case-insensitive).</li>
 *   <li>{@code respond BODY [CONTENT_TYPE]} / {@code respond_file FILE [CONTENT_TYPE]} — POST the response
 *       (content type defaults to {@code application/json}).</li>
 *   <li>{@code fail ERROR_TYPE BODY} — POST {@code $API/runtime/invocation/$REQUEST_ID/error} with
 *       {@code Lambda-Runtime-Function-Error-Type: ERROR_TYPE}.</li>
 *   <li>{@code init_error ERROR_TYPE BODY} — POST {@code $API/runtime/init/error}.</li>
 *   <li>{@code api_post PATH [curl args...]} — POST stdin to {@code $API/PATH}. Every POST helper sets
 *       {@code LAST_STATUS} (HTTP status, {@code 000} if the connection failed), {@code LAST_BODY_FILE}
 *       (exact bytes of the daemon's answer) and {@code LAST_HEADERS_FILE} (its raw headers).</li>
 *   <li>{@code save_last NAME} — copies the last answer's headers and body to {@code $HERE/NAME.headers} and
 *       {@code $HERE/NAME.body} and then (atomically) its status to {@code $HERE/NAME.status}: wait for the
 *       {@code .status} file, then read the others.</li>
 *   <li>{@code put NAME CONTENT} — atomically writes {@code $HERE/NAME} (tests may wait for it to appear).</li>
 *   <li>{@code put_file NAME SRC} — atomically copies SRC to {@code $HERE/NAME}.</li>
 *   <li>{@code log_line NAME TEXT} — appends a line to {@code $HERE/NAME}.</li>
 *   <li>{@code wait_for NAME} — blocks until {@code $HERE/NAME} exists (the test creates it to release the
 *       runtime).</li>
 *   <li>{@code now_ms} — epoch milliseconds.</li>
 * </ul>
 */
public final class Scripts {

    public static final String RUNTIME_LOOP_PRELUDE = """
            # ---- rapid-java test runtime library (io.rapidjava.tests.support.Scripts) ----
            set -u
            HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
            API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01"
            _RT="$HERE/.rt-$$"
            mkdir -p "$_RT"
            REQUEST_ID=""
            EVENT=""
            EVENT_FILE="$_RT/event"
            HEADERS_FILE="$_RT/headers"
            LAST_BODY_FILE="$_RT/last_body"
            LAST_HEADERS_FILE="$_RT/last_headers"
            LAST_STATUS=""
            NEXT_STATUS=""

            now_ms() { date +%s%3N; }

            header() {
              grep -i "^$1:" "$HEADERS_FILE" | head -n 1 | cut -d: -f2- | sed -e 's/^[[:space:]]*//' -e 's/\\r$//'
            }

            next() {
              : > "$HEADERS_FILE"
              : > "$EVENT_FILE"
              NEXT_STATUS="$(curl -sS -D "$HEADERS_FILE" -o "$EVENT_FILE" -w '%{http_code}' \\
                "$API/runtime/invocation/next")" || return 1
              [ "$NEXT_STATUS" = 200 ] || return 1
              REQUEST_ID="$(header Lambda-Runtime-Aws-Request-Id)"
              EVENT="$(cat "$EVENT_FILE")"
              return 0
            }

            api_post() {
              local path="$1"; shift
              : > "$LAST_BODY_FILE"
              : > "$LAST_HEADERS_FILE"
              LAST_STATUS="$(curl -sS -D "$LAST_HEADERS_FILE" -o "$LAST_BODY_FILE" -w '%{http_code}' -X POST \\
                --data-binary @- "$@" \\
                "$API/$path")" || true
              [ -n "$LAST_STATUS" ] || LAST_STATUS=000
            }

            # (bodies are fed with < <(...) rather than a pipe so that api_post runs in this shell and
            # LAST_STATUS stays visible)
            respond() {
              api_post "runtime/invocation/$REQUEST_ID/response" -H "Content-Type: ${2:-application/json}" \\
                < <(printf '%s' "$1")
            }

            respond_file() {
              api_post "runtime/invocation/$REQUEST_ID/response" -H "Content-Type: ${2:-application/json}" < "$1"
            }

            fail() {
              api_post "runtime/invocation/$REQUEST_ID/error" \\
                -H "Lambda-Runtime-Function-Error-Type: $1" -H "Content-Type: application/json" < <(printf '%s' "$2")
            }

            init_error() {
              api_post "runtime/init/error" \\
                -H "Lambda-Runtime-Function-Error-Type: $1" -H "Content-Type: application/json" < <(printf '%s' "$2")
            }

            put() {
              printf '%s' "$2" > "$HERE/.$1.tmp.$$" && mv -f "$HERE/.$1.tmp.$$" "$HERE/$1"
            }

            put_file() {
              cp "$2" "$HERE/.$1.tmp.$$" && mv -f "$HERE/.$1.tmp.$$" "$HERE/$1"
            }

            log_line() {
              printf '%s\\n' "$2" >> "$HERE/$1"
            }

            save_last() {
              put_file "$1.headers" "$LAST_HEADERS_FILE"
              put_file "$1.body" "$LAST_BODY_FILE"
              put "$1.status" "$LAST_STATUS"
            }

            wait_for() {
              while [ ! -e "$HERE/$1" ]; do sleep 0.02; done
            }
            # ---- end of library ----
            """;

    private Scripts() {
    }

    /** Whether {@code command} is an executable in a directory of the PATH (a test that needs it is skipped else). */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code #!/usr/bin/env bash\n + body} to {@code dir/name}, makes it executable (755), returns it. */
    public static Path bash(Path dir, String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "#!/usr/bin/env bash\n" + body, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * An external extension in bash, registered for INVOKE and SHUTDOWN: at SHUTDOWN it writes the event to
     * {@code out/<name>.shutdown}, runs {@code onShutdown}, then exits 0.
     */
    public static Path extension(Path extDir, String name, Path out, String onShutdown) {
        return Scripts.bash(extDir, name, """
                set -u
                OUT='%s'
                API="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                headers="$(mktemp)"
                curl -sS -D "$headers" -o /dev/null -X POST "$API/register" -H "Lambda-Extension-Name: %s" \
                  --data-binary '{"events":["INVOKE","SHUTDOWN"]}' || exit 1
                id="$(grep -i '^lambda-extension-identifier:' "$headers" | tr -d '\r' | cut -d' ' -f2)"
                while event="$(curl -sS -H "Lambda-Extension-Identifier: $id" "$API/event/next")"; do
                  case "$event" in
                    *SHUTDOWN*)
                      printf '%%s' "$event" > "$OUT/.%s.tmp" && mv -f "$OUT/.%s.tmp" "$OUT/%s.shutdown"
                      %s
                      exit 0 ;;
                  esac
                done
                """.formatted(out.toAbsolutePath(), name, name, name, name, onShutdown));
    }

    /** A bootstrap that runs {@link #RUNTIME_LOOP_PRELUDE} then {@code loopBody}. */
    public static Path runtime(Path dir, String name, String loopBody) {
        return bash(dir, name, RUNTIME_LOOP_PRELUDE + loopBody);
    }
}
