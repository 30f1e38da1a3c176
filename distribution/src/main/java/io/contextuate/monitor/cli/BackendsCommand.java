package io.contextuate.monitor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.api.DiscoveredProvider;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.StoreProvider;
import io.contextuate.monitor.spi.json.MonitorJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** Lists every store provider found: on the class path, the module path and in the plugins directory. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"Lists every store provider found, with its type, aliases, description and origin.",
            "Providers are looked for on the class path, the module path and in the plugins directory."})
final class BackendsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object per provider (JSON Lines).")
    private boolean json;

    @ParentCommand
    private ContextuateMonitor root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<DiscoveredProvider> found = MonitorPersistence.providers(root.config());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonLines lines = new JsonLines(out);
            found.forEach(d -> lines.write(toJson(d)));
            return ExitCode.OK;
        }
        TextTable table = new TextTable("TYPE", "ALIASES", "DESCRIPTION", "ORIGIN");
        for (DiscoveredProvider d : found) {
            StoreProvider p = d.provider();
            List<String> aliases = List.copyOf(new TreeSet<>(p.aliases()));
            table.row(p.type(), aliases.isEmpty() ? "-" : String.join(",", aliases),
                    HumanFormat.head(p.description(), 80), d.origin());
        }
        if (table.isEmpty()) {
            spec.commandLine().getErr().println("No store provider found.");
            return ExitCode.FAILED;
        }
        table.print(out);
        return ExitCode.OK;
    }

    private static ObjectNode toJson(DiscoveredProvider d) {
        ObjectNode o = MonitorJson.newObject();
        o.put("type", d.provider().type());
        ArrayNode aliases = o.putArray("aliases");
        new TreeSet<>(d.provider().aliases()).forEach(aliases::add);
        o.put("description", d.provider().description());
        o.put("origin", d.origin());
        return o;
    }
}
