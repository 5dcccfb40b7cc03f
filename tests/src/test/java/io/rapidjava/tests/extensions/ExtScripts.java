package io.rapidjava.tests.extensions;

import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Bash extensions for black-box tests: a small library implementing the extension side of the Extensions API with
 * curl.
 *
 * <p>{@link #CORE} needs the variable {@code OUT} (the directory where observations are written, the test's temp
 * dir) and defines:
 * <ul>
 *   <li>{@code EXT_API} — {@code http://$AWS_LAMBDA_RUNTIME_API/2020-01-01/extension}.</li>
 *   <li>{@code ext_call METHOD PATH [curl args...]} — one request; sets {@code EXT_STATUS} ({@code 000} if the
 *       connection failed), {@code EXT_BODY_FILE} (exact answer bytes) and {@code EXT_HEADERS_FILE} (raw headers).
 *       Scratch files are per bash process ({@code $BASHPID}), so a background subshell may call concurrently.</li>
 *   <li>{@code ext_header NAME} — value of header NAME of the last answer.</li>
 *   <li>{@code ext_save TAG} — copies the last answer to {@code $OUT/TAG.headers}, {@code $OUT/TAG.body} and then
 *       (atomically) its status to {@code $OUT/TAG.status}.</li>
 *   <li>{@code ext_register NAME EVENTS_JSON [curl args...]} — {@code POST register}; on 200 sets {@code EXT_ID}
 *       and returns 0.</li>
 *   <li>{@code ext_next} — {@code GET event/next} with {@code EXT_ID}; on 200 sets {@code EVENT} (body),
 *       {@code EVENT_TYPE} and {@code EVENT_REQUEST_ID} and returns 0.</li>
 *   <li>{@code ext_error KIND TYPE} — {@code POST init/error} or {@code exit/error} (KIND = {@code init|exit}) with
 *       {@code Lambda-Extension-Function-Error-Type: TYPE}.</li>
 * </ul>
 *
 * <p>{@link #extension} adds {@code OUT}, {@code EXT_NAME} (the file's basename), {@code put}, {@code put_file},
 * {@code log_line}, {@code wait_for}, {@code now_ms} (same meaning as in {@link Scripts}, relative to {@code OUT}).
 */
final class ExtScripts {

    static final String CORE = """
            # ---- rapid-java test extension library (io.rapidjava.tests.extensions.ExtScripts) ----
            EXT_API="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
            EXT_ID=""
            EXT_STATUS=""
            EXT_BODY_FILE=""
            EXT_HEADERS_FILE=""
            EVENT=""
            EVENT_TYPE=""
            EVENT_REQUEST_ID=""

            ext_call() {
              local method="$1" path="$2"; shift 2
              local scratch="$OUT/.ext-scratch-$BASHPID"
              mkdir -p "$scratch"
              EXT_BODY_FILE="$scratch/body"
              EXT_HEADERS_FILE="$scratch/headers"
              : > "$EXT_BODY_FILE"
              : > "$EXT_HEADERS_FILE"
              EXT_STATUS="$(curl -sS -X "$method" -D "$EXT_HEADERS_FILE" -o "$EXT_BODY_FILE" -w '%{http_code}' \\
                "$@" "$EXT_API/$path")" || true
              [ -n "$EXT_STATUS" ] || EXT_STATUS=000
            }

            ext_header() {
              grep -i "^$1:" "$EXT_HEADERS_FILE" | tail -n 1 | cut -d: -f2- | sed -e 's/^[[:space:]]*//' -e 's/\\r$//'
            }

            ext_save() {
              cp "$EXT_HEADERS_FILE" "$OUT/.$1.headers.tmp.$BASHPID" && mv -f "$OUT/.$1.headers.tmp.$BASHPID" "$OUT/$1.headers"
              cp "$EXT_BODY_FILE" "$OUT/.$1.body.tmp.$BASHPID" && mv -f "$OUT/.$1.body.tmp.$BASHPID" "$OUT/$1.body"
              printf '%s' "$EXT_STATUS" > "$OUT/.$1.status.tmp.$BASHPID" && mv -f "$OUT/.$1.status.tmp.$BASHPID" "$OUT/$1.status"
            }

            ext_register() {
              local name="$1" events="$2"; shift 2
              ext_call POST register -H "Lambda-Extension-Name: $name" -H "Content-Type: application/json" \\
                --data-binary "$events" "$@"
              [ "$EXT_STATUS" = 200 ] || return 1
              EXT_ID="$(ext_header Lambda-Extension-Identifier)"
              return 0
            }

            ext_next() {
              ext_call GET event/next -H "Lambda-Extension-Identifier: $EXT_ID"
              [ "$EXT_STATUS" = 200 ] || return 1
              EVENT="$(cat "$EXT_BODY_FILE")"
              EVENT_TYPE="$(grep -o '"eventType" *: *"[A-Z]*"' "$EXT_BODY_FILE" | head -n 1 | cut -d'"' -f4)"
              EVENT_REQUEST_ID="$(grep -o '"requestId" *: *"[^"]*"' "$EXT_BODY_FILE" | head -n 1 | cut -d'"' -f4)"
              return 0
            }

            ext_error() {
              ext_call POST "$1/error" -H "Lambda-Extension-Identifier: $EXT_ID" \\
                -H "Lambda-Extension-Function-Error-Type: $2" -H "Content-Type: application/json" \\
                --data-binary '{"errorMessage":"reported by the test extension","errorType":"TestError"}'
            }
            # ---- end of extension library ----
            """;

    private static final String UTIL = """
            now_ms() { date +%s%3N; }
            put() {
              printf '%s' "$2" > "$OUT/.$1.tmp.$BASHPID" && mv -f "$OUT/.$1.tmp.$BASHPID" "$OUT/$1"
            }
            put_file() {
              cp "$2" "$OUT/.$1.tmp.$BASHPID" && mv -f "$OUT/.$1.tmp.$BASHPID" "$OUT/$1"
            }
            log_line() {
              printf '%s\\n' "$2" >> "$OUT/$1"
            }
            wait_for() {
              while [ ! -e "$OUT/$1" ]; do sleep 0.02; done
            }
            """;

    /**
     * The usual event loop of a well-behaved extension: records every event as {@code $OUT/<name>.event-<n>}
     * ({@code .headers}, {@code .body}, {@code .status}; numbering continues across relaunches), logs {@code <now_ms> <type> <requestId>} lines to
     * {@code $OUT/<name>.events.log}, and exits 0 after SHUTDOWN.
     */
    static final String RECORDING_LOOP = """
            n="$(ls -A "$OUT" | grep -c "^$EXT_NAME\\.event-[0-9]*\\.status$")"
            while ext_next; do
              n=$((n + 1))
              ext_save "$EXT_NAME.event-$n"
              log_line "$EXT_NAME.events.log" "$(now_ms) $EVENT_TYPE $EVENT_REQUEST_ID"
              if [ "$EVENT_TYPE" = SHUTDOWN ]; then
                exit 0
              fi
            done
            log_line "$EXT_NAME.events.log" "$(now_ms) next-failed $EXT_STATUS"
            """;

    private ExtScripts() {
    }

    /** Bash single-quoting. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Writes an executable bash extension {@code extDir/name}: the library (with {@code OUT=out}, {@code EXT_NAME}
     * = name) followed by {@code body}.
     */
    static Path extension(Path extDir, String name, Path out, String body) {
        String prelude = "set -u\n"
                + "OUT=" + quote(out.toAbsolutePath().toString()) + "\n"
                + "EXT_NAME=\"$(basename \"$0\")\"\n"
                + UTIL + CORE;
        return Scripts.bash(extDir, name, prelude + body);
    }

    /** An extension that registers for {@code eventsJson} and then runs {@link #RECORDING_LOOP}. */
    static Path recorder(Path extDir, String name, Path out, String eventsJson) {
        return extension(extDir, name, out, """
                ext_register "$EXT_NAME" %s || { ext_save "$EXT_NAME.register"; exit 1; }
                ext_save "$EXT_NAME.register"
                """.formatted(quote(eventsJson)) + RECORDING_LOOP);
    }

    /** A bash runtime with the runtime library of {@link Scripts} and this extension library ({@code OUT=$HERE}). */
    static Path runtimeWithExtensionApi(Path dir, String name, String body) {
        return Scripts.runtime(dir, name, "OUT=\"$HERE\"\n" + CORE + body);
    }

    /**
     * Writes {@code extDir/name}: a bash wrapper that {@code exec}s {@link JavaExtension} with the test JVM's java
     * and the source launcher (so the extension's pid is the Java process).
     */
    static Path javaExtension(Path extDir, String name, Path out, String eventsJson) {
        Path source = Path.of(System.getProperty("rapid.home"), "tests", "src", "test", "java", "io", "rapidjava",
                "tests", "extensions", "JavaExtension.java").toAbsolutePath().normalize();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Scripts.bash(extDir, name, "exec " + quote(java.toString())
                + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "
                + quote(source.toString()) + " " + quote(name) + " "
                + quote(out.toAbsolutePath().toString()) + " " + quote(eventsJson) + "\n");
    }

    /** Writes a plain (non-bash) file with the given permissions, e.g. a non-executable extension. */
    static Path file(Path dir, String name, String content, String perms) {
        Path f = dir.resolve(name);
        try {
            Files.writeString(f, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** A bash runtime that logs {@code <id> <event>} to ids.log and answers {@code ok:<id>} (text/plain). */
    static Path echoRuntime(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
    }

    /** Creates the (empty) file {@code dir/name}, e.g. to release a script waiting with {@code wait_for}. */
    static void touch(Path dir, String name) {
        try {
            Path tmp = dir.resolve("." + name + ".touch");
            Files.writeString(tmp, "");
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
