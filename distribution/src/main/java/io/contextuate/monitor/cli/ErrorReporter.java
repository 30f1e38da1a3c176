package io.contextuate.monitor.cli;

import io.contextuate.monitor.spi.ConfigurationException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Turns what went wrong into one line on standard error and an exit code: usage and configuration errors (an
 * unusable home directory, where the defaults live, included) give {@link ExitCode#USAGE}, everything else
 * {@link ExitCode#FAILED}. Stack traces only with {@code -v}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().root().name() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        Optional<String> home = UnusableHome.describe(ex);
        boolean usage = ex instanceof ConfigurationException || ex instanceof UsageException || home.isPresent();
        err.println(cl.getCommandSpec().root().name() + ": " + (usage ? "" : "error: ")
                + home.orElseGet(() -> describe(ex)));
        Object root = cl.getCommandSpec().root().userObject();
        if (root instanceof ContextuateMonitor monitor && monitor.verbosity() > 0) {
            ex.printStackTrace(err);
        }
        err.flush();
        return usage ? ExitCode.USAGE : ExitCode.FAILED;
    }

    /**
     * The first line of the exception's message (of its cause when it only wraps one), or its kind when it has
     * none: the rest (a driver's details, say) is in the stack trace that {@code -v} prints.
     */
    static String describe(Throwable t) {
        Throwable shown = t instanceof UncheckedIOException && t.getCause() != null ? t.getCause() : t;
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.getClass().getSimpleName();
        }
        String firstLine = HumanFormat.oneLine(message.strip().lines().findFirst().orElse(message));
        return shown instanceof java.io.IOException ? shown.getClass().getSimpleName() + ": " + firstLine : firstLine;
    }
}
