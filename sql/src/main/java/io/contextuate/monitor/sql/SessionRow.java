package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.MayChange;

/**
 * A session as the columns of the sessions table hold it. JSON columns are JSON text;
 * {@code null} means the member is absent.
 *
 * @param sessionId              session id
 * @param machineId              machine id
 * @param workingDirectory       working directory
 * @param startTime              Unix ms
 * @param endTime                Unix ms, or {@code null}
 * @param status                 a known status, or {@code null} when {@code statusOther} holds it
 * @param statusOther            a status the schema does not know, verbatim, or {@code null}
 * @param parentSessionId        parent session id, or {@code null}
 * @param childSessionIds        JSON array text, or {@code null}
 * @param tokenUsageInput        tokenUsage.totalInput; {@code null} when tokenUsage is absent
 * @param tokenUsageOutput       tokenUsage.totalOutput
 * @param tokenUsageCacheRead    tokenUsage.totalCacheRead, or {@code null}
 * @param tokenUsageCacheCreation tokenUsage.totalCacheCreation, or {@code null}
 * @param tokenUsageExtra        unknown members of tokenUsage as JSON object text, or {@code null}
 * @param hidden                 or {@code null}
 * @param agentType              or {@code null}
 * @param isUserInitiated        or {@code null}
 * @param isPinned               or {@code null}
 * @param manualParentSessionId  or {@code null}
 * @param label                  or {@code null}
 * @param model                  or {@code null}
 * @param transcriptPath         or {@code null}
 * @param extra                  unknown top-level members as JSON object text, or {@code null}
 * @param recordJson             the exact record when the columns cannot hold it exactly, else {@code null}
 * @param placeholder            a row standing in for a session that has no record yet
 */
@MayChange("components follow the sessions table; one may be added with a new member of the model")
public record SessionRow(String sessionId, String machineId, String workingDirectory, long startTime, Long endTime,
                         String status, String statusOther, String parentSessionId, String childSessionIds,
                         Long tokenUsageInput, Long tokenUsageOutput, Long tokenUsageCacheRead,
                         Long tokenUsageCacheCreation, String tokenUsageExtra, Boolean hidden, String agentType,
                         Boolean isUserInitiated, Boolean isPinned, String manualParentSessionId, String label,
                         String model, String transcriptPath, String extra, String recordJson,
                         boolean placeholder) {
}
