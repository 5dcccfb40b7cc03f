package io.rapidjava.rapid.process;

import java.io.File;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * posix_spawn(3) of one child: the leader of a new session (so of its own process group), stdin on /dev/null,
 * stdout and stderr on one pipe, nothing else of the daemon's descriptors, an empty signal mask and every signal's
 * default action, in its working directory. glibc 2.29 or later (addchdir_np).
 */
final class Spawn {

    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    private static final int FIRST_INHERITED = 3;
    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on 64-bit Linux; room to spare
    private static final long ATTR_BYTES = 512;
    private static final long ACTIONS_BYTES = 256;
    private static final long SIGSET_BYTES = 128;

    private static final MethodHandle SPAWN = Libc.function("posix_spawn", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));
    private static final MethodHandle ACTIONS_INIT = Libc.function("posix_spawn_file_actions_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ACTIONS_DESTROY = Libc.function("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ADD_OPEN = Libc.function("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle ADD_DUP2 = Libc.function("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle ADD_CHDIR = Libc.function("posix_spawn_file_actions_addchdir_np",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle ADD_CLOSE = Libc.function("posix_spawn_file_actions_addclose",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    /** glibc 2.34; before it each open descriptor is closed by name. */
    private static final Optional<MethodHandle> ADD_CLOSEFROM = Libc.optional("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle ATTR_INIT = Libc.function("posix_spawnattr_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_DESTROY = Libc.function("posix_spawnattr_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SET_FLAGS = Libc.function("posix_spawnattr_setflags",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_SHORT));
    private static final MethodHandle SET_SIGMASK = Libc.function("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SET_SIGDEFAULT = Libc.function("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SIGADDSET = Libc.function("sigaddset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final int LAST_STANDARD_SIGNAL = 31;

    private Spawn() {
    }

    /**
     * Starts {@code program} (a resolved path) with {@code argv} and exactly {@code env}; its pid. The error of a
     * failed start is the C library's, in Go's words: {@code exec format error}, {@code permission denied}, ...
     */
    static int start(Path program, List<String> argv, Map<String, String> env, Path cwd, int outputFd)
            throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(ACTIONS_BYTES, 16);
            MemorySegment attr = arena.allocate(ATTR_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) ACTIONS_INIT.invokeExact(actions));
            try {
                check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
                try {
                    describe(arena, actions, attr, cwd, outputFd);
                    MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                    int error = (int) SPAWN.invokeExact(pid, arena.allocateFrom(program.toString()), actions, attr,
                            strings(arena, argv), strings(arena, env.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                    if (error != 0) {
                        throw new IOException(Libc.message(error));
                    }
                    return pid.get(ValueLayout.JAVA_INT, 0);
                } finally {
                    int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) ACTIONS_DESTROY.invokeExact(actions);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("posix_spawn failed: " + e, e);
        }
    }

    private static void describe(Arena arena, MemorySegment actions, MemorySegment attr, Path cwd, int outputFd)
            throws Throwable {
        check("addopen", (int) ADD_OPEN.invokeExact(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY, 0));
        check("adddup2", (int) ADD_DUP2.invokeExact(actions, outputFd, 1));
        check("adddup2", (int) ADD_DUP2.invokeExact(actions, outputFd, 2));
        check("addchdir_np", (int) ADD_CHDIR.invokeExact(actions, arena.allocateFrom(cwd.toString())));
        if (ADD_CLOSEFROM.isPresent()) {
            check("addclosefrom_np", (int) ADD_CLOSEFROM.get().invokeExact(actions, FIRST_INHERITED));
        } else {
            for (int fd : openDescriptors()) {
                if (fd >= FIRST_INHERITED) {
                    check("addclose", (int) ADD_CLOSE.invokeExact(actions, fd));
                }
            }
        }
        check("setflags", (int) SET_FLAGS.invokeExact(attr,
                (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
        // a zeroed sigset_t is the empty set: the child blocks none of the signals the daemon's threads block
        check("setsigmask", (int) SET_SIGMASK.invokeExact(attr, arena.allocate(SIGSET_BYTES, 8)));
        // nor ignores what the daemon's starter made it ignore (a shell's background job ignores SIGINT and SIGQUIT,
        // nohup SIGHUP): the runtime must be able to take the signals the daemon forwards
        MemorySegment defaults = arena.allocate(SIGSET_BYTES, 8);
        for (int signal = 1; signal <= LAST_STANDARD_SIGNAL; signal++) {
            if (signal != Signals.SIGKILL && signal != Signals.SIGSTOP) {
                check("sigaddset", (int) SIGADDSET.invokeExact(defaults, signal));
            }
        }
        check("setsigdefault", (int) SET_SIGDEFAULT.invokeExact(attr, defaults));
    }

    /** The daemon's open descriptors now (one closed meanwhile is skipped by the child: glibc ignores EBADF). */
    private static int[] openDescriptors() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? new int[0] : Arrays.stream(names).mapToInt(Integer::parseInt).toArray();
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(String what, int error) throws IOException {
        if (error != 0) {
            throw new IOException(what + ": " + Libc.message(error));
        }
    }
}
