/** The Contextuate Monitor provider contract. */
module io.contextuate.monitor.spi {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive typesafe.config;
    requires org.slf4j;

    exports io.contextuate.monitor.spi;
    exports io.contextuate.monitor.spi.model;
    exports io.contextuate.monitor.spi.json;
    exports io.contextuate.monitor.spi.log;
}
