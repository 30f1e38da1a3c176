/**
 * Parts every SQL store needs, kept once so that the bundled PostgreSQL and MySQL backends and third-party SQL
 * plugins share them: connection settings and pooling, the JSON column mapping of the model, batching.
 * The types here need JDBI, HikariCP and Flyway on the class path; a SQL plugin declares those itself.
 */
package io.contextuate.monitor.sql;
