package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.SchemaStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Optional;

/** The versioned schema of the configured store, for stores that have one (SQL stores). */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Shows, applies or prints the schema of the configured store (SQL stores; a file store has none).")
final class SchemaCommand implements Runnable {

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: status, apply, partition or print");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Where the schema stands: current version, pending migrations, notes. Changes nothing.")
    int status() {
        Optional<ManagedSchema> schema = schema();
        if (schema.isEmpty()) {
            return noSchema(ExitCode.OK);
        }
        print(schema.get().status());
        return ExitCode.OK;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Applies the pending migrations (never destructive; each once, even when run twice at once).")
    int apply() {
        Optional<ManagedSchema> schema = schema();
        if (schema.isEmpty()) {
            return noSchema(ExitCode.OK);
        }
        print(schema.get().apply());
        return ExitCode.OK;
    }

    @Command(name = "partition", mixinStandardHelpOptions = true,
            description = "Converts the events table to the layout persistence.database.partitioning asks for"
                    + " (resumable: run it again after a stop; every row is kept), then applies as `apply`.")
    int partition() {
        Optional<ManagedSchema> schema = schema();
        if (schema.isEmpty()) {
            return noSchema(ExitCode.OK);
        }
        print(schema.get().convertLayout());
        return ExitCode.OK;
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Prints the full SQL of the schema, for a privileged user to run by hand.")
    int print() {
        Optional<ManagedSchema> schema = schema();
        if (schema.isEmpty()) {
            return noSchema(ExitCode.FAILED);
        }
        PrintWriter out = spec.commandLine().getOut();
        String script = schema.get().script();
        out.print(script);
        if (!script.endsWith("\n")) {
            out.println();
        }
        return ExitCode.OK;
    }

    private Optional<ManagedSchema> schema() {
        return MonitorPersistence.schema(root.config());
    }

    private int noSchema(int exitCode) {
        MonitorConfig config = root.config();
        String line = "The '" + config.type() + "' store (configured by " + config.describeSource()
                + ") has no schema to manage.";
        (exitCode == ExitCode.OK ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(line);
        return exitCode;
    }

    private void print(SchemaStatus status) {
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("WHAT", "VALUE");
        table.row("location", status.location());
        table.row("current version", status.currentVersion() == null ? "none" : status.currentVersion());
        table.row("pending", status.pending().isEmpty() ? "none (up to date)" : String.join(", ", status.pending()));
        status.notes().forEach(note -> table.row("note", HumanFormat.oneLine(note)));
        table.print(out);
    }
}
