/**
 * The provider contract: {@link io.contextuate.monitor.spi.MonitorStore} (what every store does),
 * {@link io.contextuate.monitor.spi.StoreProvider} (how a store is found and opened), and the error hierarchy
 * rooted at {@link io.contextuate.monitor.spi.StoreException}. A third-party backend compiles against this module
 * alone, and runs the conformance kit (the {@code contextuate-monitor-conformance} artifact) in its tests. The module
 * needs nothing but Jackson and the JDK: settings arrive as {@link io.contextuate.monitor.spi.StoreSettings}, and what
 * it logs goes through {@link java.lang.System.Logger}.
 *
 * <p>Stability: every public type of this module's packages is stable for a contract version
 * ({@link io.contextuate.monitor.spi.StoreProvider#CONTRACT_VERSION}, which the loader checks against each
 * provider's {@link io.contextuate.monitor.spi.StoreProvider#contractVersion()}), except what carries
 * {@link io.contextuate.monitor.spi.MayChange}.
 */
package io.contextuate.monitor.spi;
