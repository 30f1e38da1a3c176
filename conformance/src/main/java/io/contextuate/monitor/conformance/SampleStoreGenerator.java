package io.contextuate.monitor.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes {@code examples/sample-store}, the small upstream-layout store the README's first command lists: six
 * sessions and about sixty events with small payloads, including a subagent child written before its parent, a
 * session without events, and an event type no upstream version knows.
 *
 * <p>Regenerate it from the repository root with:
 * <pre>
 * mvn -B -q -pl spi test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp "spi/target/test-classes:spi/target/classes:$(cat spi/target/test.classpath)" \
 *     io.contextuate.monitor.conformance.SampleStoreGenerator examples/sample-store
 * </pre>
 * {@code SampleStoreTest} fails when the committed store differs from what this writes.
 */
public final class SampleStoreGenerator {

    /** The seed and size of the sample store. */
    public static final UpstreamDataOptions SAMPLE = new UpstreamDataOptions(2026, 6, 12, 0, 0, 6);

    private SampleStoreGenerator() {
    }

    /** Replaces {@code <dir>/sessions} with the sample sessions. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/sample-store");
        write(dir);
        System.out.println("wrote " + UpstreamData.generate(SAMPLE).sessions().size() + " sessions to " + dir);
    }

    /** Writes the sample sessions under {@code dir}, removing any {@code sessions} directory there first. */
    public static void write(Path dir) throws IOException {
        Path sessions = dir.resolve("sessions");
        if (Files.exists(sessions)) {
            try (Stream<Path> old = Files.walk(sessions)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        new UpstreamStoreWriter(dir).write(UpstreamData.generate(SAMPLE));
    }
}
