package io.contextuate.monitor.file;

import io.contextuate.monitor.spi.ReadProblem;
import io.contextuate.monitor.spi.ReadProblemListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Reports what a read skipped: a warning in the log and a {@link ReadProblem} to the store's listener. */
final class ProblemReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemReporter.class);

    private final ReadProblemListener listener;

    ProblemReporter(ReadProblemListener listener) {
        this.listener = listener;
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
            LOG.warn("Could not read {} (session {})", problem.describe(), sessionId);
            listener.onProblem(problem);
        }
    }
}
