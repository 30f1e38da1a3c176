/**
 * The conformance kit (artifact {@code contextuate-monitor-conformance}) and the upstream-shaped test data it is written with.
 *
 * <ul>
 *   <li>Run the whole {@link io.contextuate.monitor.spi.MonitorStore} contract against a backend by extending
 *       {@link io.contextuate.monitor.conformance.MonitorStoreConformance} and implementing
 *       {@code openStore()} (a new, empty store per call).</li>
 *   <li>Generate realistic upstream data with {@link io.contextuate.monitor.conformance.UpstreamData} and
 *       {@link io.contextuate.monitor.conformance.UpstreamDataOptions}; write it in upstream's file layout with
 *       {@link io.contextuate.monitor.conformance.UpstreamStoreWriter}.</li>
 *   <li>Write upstream's damage (cut lines, empty meta.json, invalid UTF-8 ...) with
 *       {@link io.contextuate.monitor.conformance.UpstreamDamage} and assert on the
 *       {@link io.contextuate.monitor.conformance.DamagedStore} it returns.</li>
 * </ul>
 */
package io.contextuate.monitor.conformance;
