package io.contextuate.monitor.migrator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a migration keeps its rejects and its checkpoint. Unless the options name them: the rejects in
 * {@code ~/.contextuate/migrations/KEY/rejects} and the checkpoint in
 * {@code ~/.contextuate/migrations/KEY/checkpoint.jsonl}, or, when only a rejects folder is named, {@code checkpoint-KEY.jsonl} inside it; KEY is derived from the source
 * and target names, so each pair of stores has its own. What was carried (the session records last written, see
 * {@code CarriedRecords}, JSON) is kept in {@code carried.json} beside the default checkpoint, in
 * {@code carried-KEY.ledger} when only a rejects folder is named (not a {@code .json} file there, which would read as
 * a reject), or in {@code FILE.carried} beside a named checkpoint FILE.
 *
 * @param rejectsDir     the rejects folder
 * @param checkpointFile the checkpoint file
 * @param carriedFile    the ledger of the session records carried
 */
record WorkFolders(Path rejectsDir, Path checkpointFile, Path carriedFile) {

    /** The folders for a migration between these two stores. */
    static WorkFolders of(MigrationOptions options, String sourceName, String targetName) {
        String key = key(sourceName, targetName);
        Path work = Path.of(System.getProperty("user.home"), ".contextuate", "migrations", key);
        Path rejects = options.rejectsDir() != null ? options.rejectsDir() : work.resolve("rejects");
        Path checkpoint = options.checkpointFile() != null ? options.checkpointFile()
                : options.rejectsDir() != null ? options.rejectsDir().resolve("checkpoint-" + key + ".jsonl")
                : work.resolve("checkpoint.jsonl");
        Path carried = options.checkpointFile() != null
                ? options.checkpointFile().resolveSibling(options.checkpointFile().getFileName() + ".carried")
                : options.rejectsDir() != null ? options.rejectsDir().resolve("carried-" + key + ".ledger")
                : work.resolve("carried.json");
        return new WorkFolders(rejects, checkpoint, carried);
    }

    static String key(String sourceName, String targetName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sourceName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(targetName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
