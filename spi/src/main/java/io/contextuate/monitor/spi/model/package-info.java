/**
 * The records the monitor keeps, exactly as upstream writes them: {@link io.contextuate.monitor.spi.model.MonitorEvent}
 * and {@link io.contextuate.monitor.spi.model.SessionMeta}, with open sets for event types, hook types and statuses.
 */
package io.contextuate.monitor.spi.model;
