/**
 * What SQL backends share. The API a SQL plugin uses is the package {@code io.contextuate.monitor.sql} (a dialect to
 * implement, statements to declare, a schema to ship, settings, the pool and the store); the package
 * {@code io.contextuate.monitor.sql.internal} is this project's own and is exported only to its backends.
 */
module io.contextuate.monitor.sql {
    requires transitive io.contextuate.monitor.spi;
    requires transitive java.sql;
    requires transitive org.jdbi.v3.core;   // SqlDialect's bulk path takes a Handle
    requires transitive org.jdbi.v3.sqlobject; // SqlStatements is a SqlObject interface
    requires com.zaxxer.hikari;
    requires flyway.core; // no Automatic-Module-Name in its manifest: the name comes from the jar
    requires org.slf4j;
    // JDBI is an automatic module, which cannot require its own dependencies: without this, nothing resolves
    // geantyref on the module path and the first statement fails with NoClassDefFoundError
    requires io.leangen.geantyref;

    uses java.sql.Driver; // the store's JDBC driver is looked up as a service of its own class loader

    exports io.contextuate.monitor.sql;
    exports io.contextuate.monitor.sql.internal to
            io.contextuate.monitor.backend.postgresql, io.contextuate.monitor.backend.mysql;
}
