/**
 * The MySQL/MariaDB store: the generic SQL store of {@code io.contextuate.monitor.sql} with MySQL statements,
 * LOAD DATA / multi-row bulk inserts, Flyway migrations for MySQL 8.0+ and MariaDB 10.6+, and the adoption of
 * databases made with the upstream seed's {@code mysql-schema.sql}.
 */
package io.contextuate.monitor.mysql;
