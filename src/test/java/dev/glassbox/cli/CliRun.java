package dev.glassbox.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the command line in-process with captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = Main.execute(commandLine, args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    CliRun assertSuccess() {
        assertEquals(0, exitCode, () -> "exit code; stderr: " + err);
        return this;
    }

    /** A failure is one line on stderr that contains {@code expected}, no stack trace, and the given exit code. */
    CliRun assertOneLineError(int expectedExit, String expected) {
        assertEquals(expectedExit, exitCode, () -> "exit code; stderr: " + err + " stdout: " + out);
        assertEquals(1, err.lines().count(), () -> "one line on stderr, got: " + err);
        assertTrue(err.contains(expected), () -> "stderr should contain '" + expected + "': " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception:"), () -> "no stack trace: " + err);
        return this;
    }
}
