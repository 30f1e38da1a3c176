package io.contextuate.monitor.spi.log;

import java.util.Objects;

/**
 * What a file is and how it looked when last seen: enough to tell that it changed without reading it.
 *
 * @param fileKey        an identity of the file that changes when another file takes its name (an inode)
 * @param size           its length in bytes
 * @param modifiedMillis its last modification, in Unix milliseconds
 * @param modifiedNanos  the sub-millisecond part of the modification time, where the file system keeps it
 */
public record FileVersion(String fileKey, long size, long modifiedMillis, long modifiedNanos) {

    public FileVersion {
        Objects.requireNonNull(fileKey, "fileKey");
    }

    /** Whether this is still the same file (not another one under the same name). */
    public boolean sameFile(FileVersion other) {
        return other != null && fileKey.equals(other.fileKey);
    }
}
