package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.Migrator;
import io.contextuate.monitor.migrator.RefusedRecords;
import io.contextuate.monitor.migrator.VerificationMode;
import io.contextuate.monitor.migrator.VerificationReport;
import io.contextuate.monitor.spi.json.MonitorJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code verify}: checks record by record that the target holds every record of the source (or, with
 * {@code --exact}, exactly those); exit 0 only when it does.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks that DST holds every record of SRC, equal: each session record and each event by the "
                + "digest of its canonical JSON.",
            "What DST holds beyond SRC (other machines' sessions, events saved there since) is reported as "
                    + "information; --exact counts it as differences.",
            "Prints the differences; exit code 0 only when there are none."})
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "SRC",
            description = "The source store: a configuration file, or a directory holding a file store.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "DST",
            description = "The target store: a configuration file, or a directory holding a file store.")
    Path to;

    @Option(names = "--rejects", paramLabel = "DIR",
            description = "The rejects folder of the migration: records the target refused are expected to be "
                    + "missing and are not counted as differences.")
    Path rejects;

    @Option(names = "--exact", description = "Ask for equality: a session or event only DST holds is a difference.")
    boolean exact;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Path p : new Path[] {from, to}) {
            if (!Files.exists(p)) {
                throw new UsageException(p + " does not exist: name a configuration file or the directory of a "
                        + "file store");
            }
        }
        RefusedRecords expected = rejects == null ? RefusedRecords.none() : RefusedRecords.keptIn(rejects);
        VerificationReport report = Migrator.verify(from, to, expected,
                exact ? VerificationMode.EXACT : VerificationMode.CONTAINMENT);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? new String(MonitorJson.toBytes(report.toJson()), StandardCharsets.UTF_8)
                : report.describe());
        out.flush();
        return report.passed() ? ExitCode.OK : ExitCode.FAILED;
    }
}
