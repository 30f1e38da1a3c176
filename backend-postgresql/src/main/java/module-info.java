/** The PostgreSQL store of Contextuate Monitor: JDBI SqlObject over HikariCP and pgjdbc, Flyway migrations. */
module io.contextuate.monitor.backend.postgresql {
    requires io.contextuate.monitor.spi;
    requires io.contextuate.monitor.sql;
    requires java.sql;
    requires org.slf4j;
    requires org.jdbi.v3.core;
    requires org.jdbi.v3.sqlobject;
    requires com.zaxxer.hikari;
    requires flyway.core; // no Automatic-Module-Name in its manifest: the name comes from the jar
    requires org.postgresql.jdbc;

    // JDBI implements the SqlObject interface with a proxy
    opens io.contextuate.monitor.postgresql to org.jdbi.v3.sqlobject, org.jdbi.v3.core;
    // the migrations live in db/postgresql-migrations, a folder that is no package, so Flyway can read them

    provides io.contextuate.monitor.spi.StoreProvider with io.contextuate.monitor.postgresql.PostgresStoreProvider;
}
