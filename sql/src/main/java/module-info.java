/** What SQL backends share: settings, pool, dialect, statements, row mapping, schema management, the SQL store. */
module io.contextuate.monitor.sql {
    requires transitive io.contextuate.monitor.spi;
    requires transitive java.sql;
    requires transitive org.jdbi.v3.core;
    requires transitive org.jdbi.v3.sqlobject;
    requires transitive com.zaxxer.hikari;
    requires transitive flyway.core; // no Automatic-Module-Name in its manifest: the name comes from the jar
    requires org.slf4j;

    exports io.contextuate.monitor.sql;
}
