/**
 * The file store, the embedded default: upstream Contextuate Monitor's directory layout
 * ({@code sessions/<id>/meta.json}, {@code sessions/<id>/events.jsonl}), read and written so that upstream and this
 * library can share one directory. {@link io.contextuate.monitor.file.FileStoreProvider} is its
 * {@link io.contextuate.monitor.spi.StoreProvider} ({@code persistence.type: file});
 * {@link io.contextuate.monitor.file.FileStore} documents the layout, the locking and the sidecar index.
 */
package io.contextuate.monitor.file;
