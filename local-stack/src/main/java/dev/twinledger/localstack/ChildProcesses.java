package dev.twinledger.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Process plumbing shared by the launchers. */
final class ChildProcesses {

    private static final Path SETSID = onPath("setsid");

    private ChildProcesses() {
    }

    /**
     * Runs the command in its own session where {@code setsid} exists. A terminal's Ctrl-C then reaches only the
     * launcher JVM, whose shutdown hook stops the children in reverse start order, instead of every child at once.
     * Started from a JVM, the child is never a process-group leader, so setsid execs in place: the pid stays the
     * child's own.
     */
    static List<String> detached(List<String> command) {
        if (SETSID == null) {
            return command;
        }
        List<String> result = new ArrayList<>(command.size() + 1);
        result.add(SETSID.toString());
        result.addAll(command);
        return result;
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** SIGTERM to the process, forcible kill of the whole tree after {@code grace}. Waits until all have exited. */
    static void terminate(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = tree(process);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                forcibly(tree);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forcibly(tree);
        }
        // Descendants that outlived their parent would be orphans.
        forcibly(tree);
    }

    /** SIGKILL to the process and its descendants; waits until they have exited. */
    static void kill(Process process) {
        forcibly(tree(process));
    }

    private static List<ProcessHandle> tree(Process process) {
        // Snapshot first: once the parent is gone its children are re-parented and no longer found from it.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        return tree;
    }

    private static void forcibly(List<ProcessHandle> tree) {
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // SIGKILL was sent; nothing stronger exists.
            }
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
