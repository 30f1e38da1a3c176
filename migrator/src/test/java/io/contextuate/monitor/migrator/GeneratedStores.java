package io.contextuate.monitor.migrator;

import io.contextuate.monitor.conformance.UpstreamData;
import io.contextuate.monitor.conformance.UpstreamDataOptions;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.conformance.UpstreamStoreWriter;

import java.nio.file.Path;

/** Upstream-shaped source stores written to disk for migration tests. */
final class GeneratedStores {

    private GeneratedStores() {
    }

    /** Writes the dataset of these options as upstream would under {@code dir}, and returns it. */
    static UpstreamDataset write(Path dir, UpstreamDataOptions options) {
        UpstreamDataset data = UpstreamData.generate(options);
        new UpstreamStoreWriter(dir).write(data);
        return data;
    }

    /** Twelve sessions of every shape, small payloads: quick to migrate. */
    static UpstreamDataOptions quick(long seed) {
        return UpstreamDataOptions.small(seed).withLargePayloads(20_000, 7);
    }
}
