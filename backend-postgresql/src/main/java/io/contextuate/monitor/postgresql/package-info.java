/**
 * The PostgreSQL store: the provider ({@code persistence.type} {@code postgresql}, {@code postgres} or {@code pg}),
 * the PostgreSQL statements and error codes the generic SQL store of {@code io.contextuate.monitor.sql} runs,
 * the COPY bulk path, the Flyway migrations ({@code db/postgresql/migration}) and the adoption of databases made with
 * the upstream seed script.
 */
package io.contextuate.monitor.postgresql;
