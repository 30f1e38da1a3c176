/** The migrator: streams any store into any other, idempotent, resumable, verifiable, with rejects. */
module io.contextuate.monitor.migrator {
    requires transitive io.contextuate.monitor.api;
    requires org.slf4j;

    exports io.contextuate.monitor.migrator;
}
