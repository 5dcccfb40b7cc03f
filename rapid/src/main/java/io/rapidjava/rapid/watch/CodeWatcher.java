package io.rapidjava.rapid.watch;

import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hot reload: watches the function's code and extensions directories (every directory under them, new ones too;
 * names starting with a dot, such as {@code .git} or an editor's swap files, are left out) with the JDK's
 * WatchService on a virtual thread. Once changes stop for {@value #QUIET_MILLIS} ms, one line names what changed and
 * the sandbox resets after the invoke in flight, so the next invoke initialises the new code.
 */
public final class CodeWatcher {

    /** Changes closer together than this are one change: an editor's save, a build writing many files. */
    static final long QUIET_MILLIS = 150;
    private static final int NAMED = 3;

    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final List<Path> roots;
    private final Consumer<Set<Path>> changed;

    private CodeWatcher(WatchService service, List<Path> roots, Consumer<Set<Path>> changed) {
        this.service = service;
        this.roots = roots;
        this.changed = changed;
    }

    /**
     * What a daemon watches: the function's code directory ({@link Config#taskRoot()} when it is a directory, else
     * the bootstrap's directory, else the working directory of a bootstrap found on the PATH) and the extensions
     * directory when extensions are on.
     */
    public static List<Path> roots(Config config) {
        List<Path> roots = new ArrayList<>();
        String command = config.bootstrap().getFirst();
        if (Files.isDirectory(config.taskRoot())) {
            roots.add(config.taskRoot());
        } else if (command.contains("/")) {
            roots.add(config.workingDir().resolve(command).toAbsolutePath().normalize().getParent());
        } else {
            roots.add(config.workingDir());
        }
        if (config.extensionsEnabled()) {
            roots.add(config.extensionsDir());
        }
        return List.copyOf(roots);
    }

    /**
     * Watches {@code roots} (those that are directories) and resets the sandbox {@code sandbox} gives (on its event
     * loop, through {@code onLoop}) when they change.
     */
    public static CodeWatcher start(List<Path> roots, Supplier<Sandbox> sandbox, Consumer<Runnable> onLoop)
            throws IOException {
        CodeWatcher watcher = new CodeWatcher(FileSystems.getDefault().newWatchService(), roots,
                paths -> onLoop.accept(() -> {
                    Sandbox bound = sandbox.get();
                    if (bound != null) {
                        Log.info("Code changed (" + describe(paths, roots) + "): resetting the sandbox once no "
                                + "invoke is in flight");
                        bound.resetWhenIdle("spindown");
                    }
                }));
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                watcher.register(root);
            }
        }
        Thread.ofVirtual().name("rapid-watch").start(watcher::run);
        return watcher;
    }

    private void register(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && hidden(dir.getFileName())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dirs.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void run() {
        try {
            while (true) {
                Set<Path> paths = new TreeSet<>();
                take(service.take(), paths);
                // debounce: gather until the directories are quiet
                for (WatchKey key; (key = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    take(key, paths);
                }
                if (!paths.isEmpty()) {
                    changed.accept(paths);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void take(WatchKey key, Set<Path> paths) {
        Path dir = dirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                paths.add(dir == null ? Path.of("?") : dir);
                continue;
            }
            Path name = (Path) event.context();
            if (hidden(name)) {
                continue;
            }
            Path path = dir.resolve(name);
            paths.add(path);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                try {
                    register(path);
                } catch (IOException e) {
                    Log.warn("Cannot watch " + path + ": " + e.getMessage());
                }
            }
        }
        if (!key.reset()) {
            dirs.remove(key);
        }
    }

    private static boolean hidden(Path name) {
        return name != null && name.toString().startsWith(".");
    }

    /** The changed paths, relative to their root, the first few named. */
    static String describe(Set<Path> paths, List<Path> roots) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (Path p : paths) {
            if (shown == NAMED) {
                break;
            }
            if (shown++ > 0) {
                text.append(", ");
            }
            text.append(relative(p, roots));
        }
        if (paths.size() > NAMED) {
            text.append(" and ").append(paths.size() - NAMED).append(" more");
        }
        return text.toString();
    }

    private static String relative(Path p, List<Path> roots) {
        for (Path root : roots) {
            if (p.startsWith(root) && !p.equals(root)) {
                return root.relativize(p).toString();
            }
        }
        return p.toString();
    }
}
