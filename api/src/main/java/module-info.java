/**
 * What applications use: configuration loading and store provider discovery. Finds providers with
 * {@link java.util.ServiceLoader} on the class path, the module path, and in a plugins directory.
 */
module io.contextuate.monitor.api {
    requires transitive io.contextuate.monitor.spi;
    requires transitive typesafe.config;
    requires org.slf4j;

    exports io.contextuate.monitor.api;

    uses io.contextuate.monitor.spi.StoreProvider;
}
