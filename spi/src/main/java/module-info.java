/** The Contextuate Monitor provider contract. */
module io.contextuate.monitor.spi {
    requires transitive com.fasterxml.jackson.databind;

    exports io.contextuate.monitor.spi;
    exports io.contextuate.monitor.spi.model;
    exports io.contextuate.monitor.spi.json;
    exports io.contextuate.monitor.spi.log;
}
