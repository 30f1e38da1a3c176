package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The reject descriptions a run left in a rejects folder, as it wrote them (in file-name order). */
final class RejectFiles {

    private RejectFiles() {
    }

    static List<JsonNode> read(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(MonitorJson.parse(Files.readAllBytes(f)));
            }
        }
        return out;
    }
}
