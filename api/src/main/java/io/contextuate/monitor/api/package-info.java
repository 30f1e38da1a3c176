/**
 * What applications use: {@link io.contextuate.monitor.api.MonitorConfig} (the settings of
 * {@code contextuate-monitor.json}, found, parsed and resolved) and
 * {@link io.contextuate.monitor.api.MonitorPersistence} (finds the store providers and opens the configured store).
 */
package io.contextuate.monitor.api;
