package io.contextuate.monitor.conformance;

import io.contextuate.monitor.spi.ReadProblem;

import java.nio.file.Path;

/**
 * A {@link io.contextuate.monitor.spi.ReadProblem} a reader of a damaged store must report.
 *
 * @param damage    the damage it comes from
 * @param sessionId the session directory it is in
 * @param file      the file (absolute, normalised)
 * @param line      the 1-based line, or 0 when the whole file is at fault
 */
public record ExpectedProblem(Damage damage, String sessionId, Path file, long line) {

    public ExpectedProblem {
        file = file.toAbsolutePath().normalize();
    }

    /** Whether a reported problem is this one: same file (its location read as a path) and same line. */
    public boolean matches(ReadProblem problem) {
        return problem.line() == line && Path.of(problem.location()).toAbsolutePath().normalize().equals(file);
    }

    /** "file:line" as a person reads it. */
    public String describe() {
        return line > 0 ? file + ":" + line + " (" + damage + ")" : file + " (" + damage + ")";
    }
}
