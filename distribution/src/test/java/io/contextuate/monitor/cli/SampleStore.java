package io.contextuate.monitor.cli;

import io.contextuate.monitor.conformance.UpstreamData;
import io.contextuate.monitor.conformance.UpstreamDataOptions;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.conformance.UpstreamStoreWriter;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upstream-written file store in a temporary directory, with a configuration file naming it.
 *
 * @param baseDir    the store's base directory
 * @param configFile a contextuate-monitor.json selecting the file store at {@code baseDir}
 * @param dataset    what was written
 */
record SampleStore(Path baseDir, Path configFile, UpstreamDataset dataset) {

    /** Small generated data: every upstream shape, no large payloads, so that commands run in milliseconds. */
    static UpstreamDataOptions smallOptions() {
        return UpstreamDataOptions.small(42).withLargePayloads(0, 0).withNestingDepth(40);
    }

    static SampleStore write(Path dir) throws IOException {
        return write(dir, smallOptions());
    }

    static SampleStore write(Path dir, UpstreamDataOptions options) throws IOException {
        Path base = dir.resolve("store");
        UpstreamDataset dataset = UpstreamData.generate(options);
        new UpstreamStoreWriter(base).write(dataset);
        return new SampleStore(base, configFor(dir, "file", base), dataset);
    }

    /** Writes {@code contextuate-monitor.json} of the given type with {@code file.baseDir} set, in upstream's shape. */
    static Path configFor(Path dir, String type, Path baseDir) throws IOException {
        var root = MonitorJson.newObject();
        root.put("mode", "local");
        var persistence = root.putObject("persistence");
        persistence.put("enabled", true);
        persistence.put("type", type);
        persistence.putObject("file").put("baseDir", baseDir.toString());
        Path file = dir.resolve("contextuate-monitor-" + type + ".json");
        Files.write(file, MonitorJson.toUpstreamPretty(root));
        return file;
    }
}
