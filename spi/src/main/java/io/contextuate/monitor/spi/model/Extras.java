package io.contextuate.monitor.spi.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Makes the unknown-fields map of a record immutable while keeping its order. */
final class Extras {

    private Extras() {
    }

    static Map<String, JsonNode> copyOf(Map<String, JsonNode> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
