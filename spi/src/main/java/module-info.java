/** The Contextuate Monitor provider contract. */
module io.contextuate.monitor.spi {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive typesafe.config;
    requires org.slf4j;
    requires static java.sql;
    requires static org.jdbi.v3.core;
    requires static org.jdbi.v3.sqlobject;
    requires static com.zaxxer.hikari;
    requires static flyway.core; // no Automatic-Module-Name in its manifest: the name comes from the jar

    exports io.contextuate.monitor.spi;
    exports io.contextuate.monitor.spi.model;
    exports io.contextuate.monitor.spi.json;
    exports io.contextuate.monitor.spi.log;
    exports io.contextuate.monitor.spi.sql;
}
