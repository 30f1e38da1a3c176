/** The MySQL/MariaDB store of Contextuate Monitor: JDBI SqlObject over HikariCP and Connector/J, Flyway migrations. */
module io.contextuate.monitor.backend.mysql {
    requires io.contextuate.monitor.spi;
    requires io.contextuate.monitor.sql;
    requires java.sql;
    requires org.slf4j;
    requires org.jdbi.v3.core;
    requires org.jdbi.v3.sqlobject;
    requires com.zaxxer.hikari;
    requires flyway.core; // no Automatic-Module-Name in its manifest: the name comes from the jar
    requires mysql.connector.j; // likewise

    // JDBI implements the SqlObject interface with a proxy
    opens io.contextuate.monitor.mysql to org.jdbi.v3.sqlobject, org.jdbi.v3.core;
    // the SQL lives in db/mysql-migrations, db/mysql-adoption and db/mysql-catalog, folders that are no packages,
    // so Flyway and this module read them on the module path too

    provides io.contextuate.monitor.spi.StoreProvider with io.contextuate.monitor.mysql.MySqlStoreProvider;
}
