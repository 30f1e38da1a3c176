/**
 * The JSON form of the model: {@link io.contextuate.monitor.spi.json.MonitorJson} reads and writes upstream's wire
 * form losslessly, and {@link io.contextuate.monitor.spi.json.CanonicalJson} defines when two values are JSON-equal.
 */
package io.contextuate.monitor.spi.json;
