package dev.glassbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs a main class in a child JVM with the test class path and a small heap, for faults an in-process run cannot show. */
record ChildJvm(int exitCode, String out, String err) {

    static ChildJvm run(String heap, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        Path errFile = java.nio.file.Files.createTempFile("child-jvm", ".err");
        Process child = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
        child.getOutputStream().close();
        var out = child.getInputStream().readAllBytes();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("the child JVM did not finish: " + command);
        }
        String errText = java.nio.file.Files.readString(errFile).lines()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        java.nio.file.Files.delete(errFile);
        return new ChildJvm(child.exitValue(), new String(out, StandardCharsets.UTF_8), errText);
    }
}
