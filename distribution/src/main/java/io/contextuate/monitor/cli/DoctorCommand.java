package io.contextuate.monitor.cli;

import io.contextuate.monitor.api.DiscoveredProvider;
import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.ManagedSchema;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.SchemaStatus;
import io.contextuate.monitor.spi.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Checks, in order, what a working setup needs: a configuration that parses (and from where), persistence enabled,
 * exactly one provider for the type, the schema (where the store has one), the store opening, and its counts.
 * Prints OK or FAIL per check; stops at the first failure the later checks depend on.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks the setup: configuration, provider, schema, store, counts.",
            "Prints OK or FAIL per check. Exit code 0 when all pass, 2 when a check failed because of the"
                    + " configuration (a wrong password, a missing database, an unusable setting), else 1."})
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    private final TextTable report = new TextTable("RESULT", "CHECK", "DETAIL");
    private int failures;
    private boolean configurationFailed;

    @Override
    public Integer call() {
        int exit = runChecks();
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
        return exit;
    }

    private int runChecks() {
        MonitorConfig config;
        try {
            config = root.config();
        } catch (RuntimeException e) {
            fail("configuration", e);
            return ExitCode.USAGE;
        }
        ok("configuration", config.source().isPresent()
                ? "read " + config.describeSource()
                : "none found (--config, $CONTEXTUATE_MONITOR_CONFIG, ./contextuate-monitor.json, "
                        + "~/.contextuate/monitor/config.json); using built-in defaults");
        if (!config.enabled()) {
            fail("persistence", "disabled (persistence.enabled is false in " + config.describeSource() + ")");
            return ExitCode.USAGE;
        }
        ok("persistence", "enabled, type '" + config.type() + "'");
        if (!checkProvider(config)) {
            return ExitCode.USAGE;
        }
        checkSchema(config);
        checkStore(config);
        return failures == 0 ? ExitCode.OK : configurationFailed ? ExitCode.USAGE : ExitCode.FAILED;
    }

    private boolean checkProvider(MonitorConfig config) {
        try {
            MonitorPersistence.provider(config);
            List<DiscoveredProvider> matching = MonitorPersistence.providers(config).stream()
                    .filter(d -> d.answersTo(config.type()))
                    .toList();
            DiscoveredProvider chosen = matching.get(0);
            ok("provider", chosen.label() + " from " + chosen.origin());
            return true;
        } catch (RuntimeException e) {
            fail("provider", e);
            return false;
        }
    }

    private void checkSchema(MonitorConfig config) {
        try {
            Optional<ManagedSchema> schema = MonitorPersistence.schema(config);
            if (schema.isEmpty()) {
                ok("schema", "none to manage for a '" + config.type() + "' store");
                return;
            }
            SchemaStatus status = schema.get().status();
            String version = status.currentVersion() == null ? "none applied" : "version " + status.currentVersion();
            if (status.upToDate()) {
                ok("schema", version + ", up to date at " + status.location());
            } else {
                fail("schema", version + ", pending " + String.join(", ", status.pending())
                        + " at " + status.location() + "; run 'contextuate-monitor schema apply'");
            }
        } catch (RuntimeException e) {
            fail("schema", e);
        }
    }

    private void checkStore(MonitorConfig config) {
        try (MonitorStore store = MonitorPersistence.openForReading(config, ReadProblemListener.NONE)) {
            ok("store", "opens: " + store.describe());
            StoreStats stats = store.stats();
            ok("counts", stats.sessions() + " sessions, " + stats.events() + " events");
        } catch (RuntimeException e) {
            fail("store", e);
        }
    }

    private void ok(String check, String detail) {
        report.row("OK", check, HumanFormat.oneLine(detail));
    }

    private void fail(String check, String detail) {
        failures++;
        report.row("FAIL", check, HumanFormat.oneLine(detail));
    }

    private void fail(String check, RuntimeException e) {
        configurationFailed |= e instanceof ConfigurationException;
        fail(check, ErrorReporter.describe(e));
        if (root.verbosity() > 0) {
            e.printStackTrace(spec.commandLine().getErr());
        }
    }
}
