/** The embedded default store: upstream's file layout, shared with the upstream monitor. */
module io.contextuate.monitor.backend.file {
    requires io.contextuate.monitor.spi;
    requires org.slf4j;

    provides io.contextuate.monitor.spi.StoreProvider with io.contextuate.monitor.file.FileStoreProvider;
}
