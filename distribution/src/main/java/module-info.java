/** The {@code contextuate-monitor} command line. */
module io.contextuate.monitor.cli {
    requires io.contextuate.monitor.api;
    requires io.contextuate.monitor.migrator;
    requires info.picocli;

    opens io.contextuate.monitor.cli to info.picocli;
}
