package io.rapidjava.rapid.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates setsid(1) (util-linux), which starts each child as the leader of a new process group. */
final class Setsid {
    static final String PATH = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid";

    private Setsid() {
    }
}
