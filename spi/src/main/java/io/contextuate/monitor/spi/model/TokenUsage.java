package io.contextuate.monitor.spi.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The cumulative token usage of a session, as upstream keeps it in {@code SessionMeta.tokenUsage}.
 *
 * @param totalInput         input tokens
 * @param totalOutput        output tokens
 * @param totalCacheRead     cache-read tokens, or {@code null} when absent
 * @param totalCacheCreation cache-creation tokens, or {@code null} when absent
 * @param extra              members this library does not know, kept in order and returned as they came
 */
public record TokenUsage(long totalInput, long totalOutput, Long totalCacheRead, Long totalCacheCreation,
                         Map<String, JsonNode> extra) {

    public TokenUsage {
        extra = Extras.copyOf(extra);
    }

    /** Token usage with the two required totals only. */
    public static TokenUsage of(long totalInput, long totalOutput) {
        return new TokenUsage(totalInput, totalOutput, null, null, Map.of());
    }
}
