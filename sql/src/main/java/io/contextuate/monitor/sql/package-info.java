/**
 * The API of a SQL backend, shared by the bundled PostgreSQL and MySQL backends and any third-party SQL plugin:
 * <ul>
 *   <li>{@link io.contextuate.monitor.sql.SqlDialect}: implement it to describe the vendor (its statements, errors,
 *       row locks, batch sizes, an optional bulk path);</li>
 *   <li>{@link io.contextuate.monitor.sql.SqlStatements}: declare the vendor's SQL as a JDBI SqlObject sub-interface
 *       (portable statements are declared here once); session statements name their columns through attributes
 *       rendered from {@link io.contextuate.monitor.sql.SessionColumn}, the one table of session columns, and bind
 *       a {@link io.contextuate.monitor.sql.SessionRow} with {@link io.contextuate.monitor.sql.BindSessionRow};</li>
 *   <li>{@link io.contextuate.monitor.sql.FlywaySchema} (with an optional
 *       {@link io.contextuate.monitor.sql.SchemaAdoption} and {@link io.contextuate.monitor.sql.SchemaLock}): ship the
 *       schema as versioned migrations in the jar;</li>
 *   <li>{@link io.contextuate.monitor.sql.DatabaseSettings}, {@link io.contextuate.monitor.sql.SqlTables}: the
 *       {@code persistence.database} settings, for a server or a file database;</li>
 *   <li>{@link io.contextuate.monitor.sql.ConnectionPool}: the pool, opened with the driver the plugin brings;</li>
 *   <li>{@link io.contextuate.monitor.sql.SqlMonitorStore}: the whole store contract over those tables.</li>
 * </ul>
 * The tables every SQL backend must create (names, columns, keys, what NULL means) are the SQL table contract,
 * {@code sql/README.md} in the source tree.
 *
 * <p>Stability: the types above are stable; those marked {@link io.contextuate.monitor.spi.MayChange} (the rows
 * {@link io.contextuate.monitor.sql.EventRow} and {@link io.contextuate.monitor.sql.SessionRow}, the table
 * {@link io.contextuate.monitor.sql.SessionColumn}, and the
 * dialect's JDBI-handle write hooks) may still change in a minor release. The package
 * {@code io.contextuate.monitor.sql.internal} is not API: on the module path it is exported to the bundled backends
 * only.
 */
package io.contextuate.monitor.sql;
