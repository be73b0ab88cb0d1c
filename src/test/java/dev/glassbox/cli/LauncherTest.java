package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Issue 11, item 10: bin/glassbox-gpt hands the process over to java, so a signal sent to the launcher reaches the
 * JVM; Ctrl-C during train leaves a whole checkpoint and says where it is. The launcher runs from a copy of the
 * repository's layout whose jar is only a manifest pointing at this test's class path (no Maven build needed).
 */
class LauncherTest {
    @TempDir
    Path temp;

    /** temp/root/bin/glassbox-gpt and temp/root/target/glassbox-gpt-cli.jar running {@code mainClass}. */
    private Path launcher(Class<?> mainClass) throws Exception {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("target"));
        Path script = Files.copy(Path.of("bin/glassbox-gpt"), root.resolve("bin/glassbox-gpt"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(root.resolve("target/glassbox-gpt-cli.jar"))) {
            new JarOutputStream(out, manifest).close();
        }
        return script;
    }

    private static Process start(Path script, Path errFile, ProcessBuilder.Redirect output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        // stderr is no terminal: the launcher takes its path that filters the JVM's notice
        return new ProcessBuilder(command).redirectError(errFile.toFile()).redirectOutput(output).start();
    }

    @Test
    void killingTheLauncherStopsTheJvm() throws Exception {
        Path script = launcher(FolderLockHolder.class);
        Process launcher = start(script, temp.resolve("err.txt"), ProcessBuilder.Redirect.PIPE, temp.resolve("locked").toString());
        List<ProcessHandle> all = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            launcher.descendants().forEach(all::add);
            all.add(launcher.toHandle());
            launcher.destroy();                                   // SIGTERM to the launcher's pid
            assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(50);
            assertFalse(all.stream().anyMatch(ProcessHandle::isAlive), "a process of the launcher outlived it: "
                    + all.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());
        } finally {
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * True when this process ignores SIGINT, as a job started with {@code &} from a non-interactive shell (or
     * under nohup) does: its children inherit that, the JVM then keeps SIGINT ignored, and no Ctrl-C can be
     * tested. Bit 1 of {@code SigIgn} in /proc/self/status is SIGINT (signal 2).
     */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return false;
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0);
    }

    @Test
    void ctrlCDuringTrainingLeavesAWholeCheckpointAndSaysWhereItIs() throws Exception {
        assumeFalse(sigintIgnoredHere(), "this test run ignores SIGINT (started in the background or under nohup), "
                + "so the launcher's JVM inherits that and Ctrl-C cannot be tested here");
        Path script = launcher(Main.class);
        Path out = temp.resolve("run"), errFile = temp.resolve("err.txt");
        Process launcher = start(script, errFile, ProcessBuilder.Redirect.DISCARD, "train", "--out", out.toString(), "--steps", "100000", "--eval-interval", "3",
                "--layers", "1", "--width", "16", "--heads", "2", "--context", "8", "--batch", "4");
        List<ProcessHandle> all = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(out.resolve(Checkpoint.CONFIG_FILE)) && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(Files.exists(out.resolve(Checkpoint.CONFIG_FILE)), "no checkpoint saved: " + Files.readString(errFile));
            Thread.sleep(300);
            launcher.descendants().forEach(all::add);
            all.add(launcher.toHandle());
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid())).start().waitFor());
            assertTrue(launcher.waitFor(20, TimeUnit.SECONDS), "train did not stop on SIGINT");
            assertNotEquals(0, launcher.exitValue());
            String err = Files.readString(errFile);
            assertTrue(err.contains("interrupted") && err.contains("last good checkpoint") && err.contains(out.toString()), err);
            assertTrue(Checkpoint.loadGpt(out).step() > 0);
            try (var files = Files.list(out)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temporary files left behind");
            }
        } finally {
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
