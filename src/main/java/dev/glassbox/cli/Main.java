package dev.glassbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * The command line: {@code glassbox-gpt train | sample | eval | info | classify}.
 *
 * <p>Errors are one line on stderr and an exit code, never a stack trace (unless {@code --debug}):
 * <ul>
 *   <li>2 — the arguments are wrong (unknown option, bad number, options that contradict each other);</li>
 *   <li>1 — the arguments are fine but the work failed (missing or damaged file, text the tokenizer
 *       cannot encode, training diverged).</li>
 * </ul>
 * Tests run it in-process with {@link #commandLine()}, which installs those two handlers.
 */
@Command(name = "glassbox-gpt", mixinStandardHelpOptions = true, version = "glassbox-gpt 0.1.0",
        description = "Train, sample, evaluate and inspect small GPT models written in plain Java.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, InfoCommand.class,
                ClassifyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code when the work itself failed (a bad file, a diverged run). */
    public static final int FAILED = 1;
    /** Exit code when the arguments are wrong. */
    public static final int BAD_ARGUMENTS = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "On an error, also print the stack trace.")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: train, sample, eval, info or classify");
    }

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /**
     * Runs the command line. picocli hands Errors through; an OutOfMemoryError that no size check foresaw becomes one
     * line too, saying how to give java more heap.
     */
    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            PrintWriter err = commandLine.getErr();
            if (Arrays.asList(args).contains("--debug")) e.printStackTrace(err);
            err.println(commandLine.getCommandName() + ": error: out of memory (" + e.getMessage() + ") with a heap of "
                    + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB; use smaller sizes (--batch, --context, --width, --layers)"
                    + " or give java more heap, e.g. GLASSBOX_JAVA_OPTS=-Xmx4g bin/glassbox-gpt ...");
            err.flush();
            return FAILED;
        }
    }


    /** The command line with its error handlers; set its out/err with {@code setOut}/{@code setErr}. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOverwrittenOptionsAllowed(true);   // the last of a repeated option wins, as in most Unix tools
        commandLine.setParameterExceptionHandler(Main::onBadArguments);
        commandLine.setExecutionExceptionHandler((error, command, parsed) ->
                onFailure(error, command, parsed.expandedArgs().contains("--debug")));
        return commandLine;
    }

    private static int onBadArguments(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        if (Arrays.asList(args).contains("--debug")) error.printStackTrace(err);
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + oneLine(error.getMessage()) + " (see '" + name + " --help')");
        err.flush();
        return BAD_ARGUMENTS;
    }

    private static int onFailure(Exception error, CommandLine command, boolean debug) {
        PrintWriter err = command.getErr();
        if (debug) error.printStackTrace(err);
        err.println(command.getCommandSpec().qualifiedName() + ": error: " + describe(error)
                + (expected(error) || debug ? "" : " (run with --debug for the stack trace)"));
        err.flush();
        return FAILED;
    }

    /** Errors a user can cause and fix: their message says it all. Anything else may be a bug. */
    private static boolean expected(Throwable error) {
        return error instanceof IllegalArgumentException || error instanceof IllegalStateException
                || error instanceof IOException || error instanceof UncheckedIOException || error instanceof ArithmeticException;
    }

    /** The message a user needs, in one line; file-system exceptions only carry the path, so say what happened. */
    static String describe(Throwable error) {
        // an UncheckedIOException that only wraps says nothing of its own; one that adds the path ("cannot save to X: ...") does
        Throwable e = error instanceof UncheckedIOException && error.getCause() != null
                && (error.getMessage() == null || error.getMessage().equals(error.getCause().toString())) ? error.getCause() : error;
        if (e instanceof UncheckedIOException && e.getCause() instanceof FileSystemException f && e.getMessage().endsWith(f.getMessage())) {
            return oneLine(e.getMessage().substring(0, e.getMessage().length() - f.getMessage().length()) + describe(f));
        }
        String message = e.getMessage();
        if (e instanceof NoSuchFileException) return "no such file or directory: " + message;
        if (e instanceof AccessDeniedException) return "permission denied: " + message;
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + ": exists already (a file where a directory was expected?)";
        if (e instanceof NotDirectoryException f) return f.getFile() + ": a path through a file, where a directory was expected";
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + f.getReason();
        }
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        return oneLine(expected(e) ? message : e.getClass().getSimpleName() + ": " + message);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
