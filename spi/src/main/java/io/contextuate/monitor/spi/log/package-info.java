/**
 * Incremental reading of a store kept as append-only logs (upstream's file layout): the optional capability
 * {@link io.contextuate.monitor.spi.log.EventLog} that a live sync follows, obtained with
 * {@link io.contextuate.monitor.spi.MonitorStore#eventLog()}.
 */
package io.contextuate.monitor.spi.log;
