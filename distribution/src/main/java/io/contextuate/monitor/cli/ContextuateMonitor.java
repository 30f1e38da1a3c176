package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.migrator.HeapExhausted;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code contextuate-monitor} command: looks into, exports, checks and maintains a Contextuate Monitor store of
 * any kind. Global options are accepted before or after the command name.
 */
@Command(name = "contextuate-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Looks into, exports, checks and maintains a Contextuate Monitor store (file, SQL or plugin).",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  failed",
            "  2  usage or configuration error",
            "  3  finished, but some records were rejected (listed on standard error)",
            "",
            "Configuration is looked for in this order: --config FILE,",
            "$CONTEXTUATE_MONITOR_CONFIG, ./contextuate-monitor.json,",
            "~/.contextuate/monitor/config.json, then built-in defaults (a file store at",
            "~/.contextuate/monitor).",
            "",
            "Output is for people by default. With --json: one JSON value per line (JSON",
            "Lines), sessions and events exactly in upstream's wire form."
        },
        subcommands = {
            BackendsCommand.class,
            SessionsCommand.class,
            EventsCommand.class,
            RecentCommand.class,
            StatsCommand.class,
            ExportCommand.class,
            SchemaCommand.class,
            PruneCommand.class,
            DoctorCommand.class,
            MigrateCommand.class,
            SyncCommand.class,
            VerifyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ContextuateMonitor implements Runnable {

    /** What {@code java -jar} and the launcher call. */
    public static void main(String[] args) {
        PrintWriter out = utf8(FileDescriptor.out);
        PrintWriter err = utf8(FileDescriptor.err);
        System.exit(run(out, err, args));
    }

    /** Runs one command line with the given output streams and returns its exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        int code;
        try {
            code = commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            out.flush();
            err.println("contextuate-monitor: error: " + HeapExhausted.advice() + ".");
            code = ExitCode.FAILED;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line, printing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ContextuateMonitor());
        ErrorReporter errors = new ErrorReporter();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(new LoggingSetup());
        return cl;
    }

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 1,
            description = "The configuration file (contextuate-monitor.json format).")
    private Path configFile;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, order = 2,
            description = "More detail on standard error: -v logs at INFO and prints stack traces, -vv logs at DEBUG.")
    private boolean[] verbose = new boolean[0];

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** How often {@code -v} was given. */
    int verbosity() {
        return verbose.length;
    }

    /** The configuration, from {@code --config} or the search order. */
    MonitorConfig config() {
        return MonitorConfig.load(configFile);
    }

    /** Opens the configured store; the caller closes it. */
    MonitorStore openStore() {
        return MonitorPersistence.open(config());
    }

    /** Opens the configured store to be read only (it writes nothing where its data lives); the caller closes it. */
    MonitorStore openStoreForReading() {
        return MonitorPersistence.openForReading(config(), ReadProblemListener.NONE);
    }

    private static PrintWriter utf8(FileDescriptor fd) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(fd), StandardCharsets.UTF_8)), false);
    }
}
