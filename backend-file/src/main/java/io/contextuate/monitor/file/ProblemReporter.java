package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.ReadProblemListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reports what a read skipped: a warning in the log and a {@link ReadProblem} to the store's listener; or, for a
 * reader that hands its problems to its caller to judge ({@link #forCaller}), only the problem (the log at DEBUG).
 */
final class ProblemReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemReporter.class);

    private final ReadProblemListener listener;
    private final boolean warn;

    ProblemReporter(ReadProblemListener listener) {
        this(listener, true);
    }

    private ProblemReporter(ReadProblemListener listener, boolean warn) {
        this.listener = listener;
        this.warn = warn;
    }

    /**
     * A reporter whose caller decides what a problem means (an event log: a {@code meta.json} met while upstream
     * rewrites it is read again, and only one that stays broken becomes a reject), so it does not warn itself.
     */
    static ProblemReporter forCaller(ReadProblemListener listener) {
        return new ProblemReporter(listener, false);
    }

    /** A new read operation, which reports each place once however often it looks at it. */
    Pass pass() {
        return new Pass();
    }

    /** The reports of one operation. */
    final class Pass {
        private final Set<String> reported = new HashSet<>();

        private Pass() {
        }

        void report(Path file, long line, String sessionId, String reason, byte[] content) {
            synchronized (reported) {
                if (!reported.add(file + ":" + line + ":" + reason)) {
                    return;
                }
            }
            ReadProblem problem = new ReadProblem(file.toString(), line, sessionId, reason, content);
            if (warn) {
                LOG.warn("Could not read {} (session {})", problem.describe(), sessionId);
            } else {
                LOG.debug("Could not read {} (session {})", problem.describe(), sessionId);
            }
            listener.onProblem(problem);
        }
    }
}
