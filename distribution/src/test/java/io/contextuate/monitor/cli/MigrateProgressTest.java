package io.contextuate.monitor.cli;

import io.contextuate.monitor.migrator.MigrationProgress;
import io.contextuate.monitor.migrator.MigrationProgress.Phase;
import io.contextuate.monitor.migrator.Reject;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees while a migration runs: a bar redrawn in place on a terminal, sparse lines in a log. */
class MigrateProgressTest {

    private static MigrationProgress events(long done, long total, long seconds) {
        return new MigrationProgress(Phase.EVENTS, 0, 0, done, total, 0, Duration.ofSeconds(seconds));
    }

    @Test
    void theBarIsRedrawnInPlaceWithCountsRateAndTimeLeft() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text));

        bar.progressed(events(0, 1_000, 10));
        bar.progressed(new MigrationProgress(Phase.VERIFYING, 0, 0, 250, 1_000, 0, Duration.ofSeconds(20)));
        bar.close();

        String shown = text.toString();
        assertThat(shown).startsWith("\r[").contains("events 0/1,000 (0%)")
                .contains("verifying events 250/1,000 (25%)").doesNotContain("\n");
        assertThat(shown).endsWith("\r");
    }

    @Test
    void theRateAndTimeLeftCountFromTheStartOfThePhase() {
        ProgressFigures figures = new ProgressFigures(events(600, 1_000, 14), events(200, 1_000, 10));

        assertThat(figures.rate()).isEqualTo(100.0);
        assertThat(figures.remaining()).isEqualTo(Duration.ofSeconds(4));
        assertThat(figures.describe()).isEqualTo("events 600/1,000 (60%), 100 events/s, 0:04 left");
    }

    @Test
    void eventsCountedBeforeTheTotalIsKnownShowNoShareAndNoTimeLeft() {
        ProgressFigures figures = new ProgressFigures(events(600, 0, 14), events(200, 0, 10));

        assertThat(figures.remaining()).isNull();
        assertThat(figures.describe()).isEqualTo("events 600, 100 events/s");
    }

    @Test
    void rejectsArePrintedAboveTheBarOnLinesOfTheirOwn() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text));
        bar.progressed(events(10, 100, 1));

        bar.rejected(new Reject(Reject.Kind.UNREADABLE, "/s/events.jsonl", 7, "s", null, Reject.RecordType.EVENT,
                "not valid JSON", new byte[] {'x'}));

        assertThat(text.toString()).contains("\rrejected: unreadable (/s/events.jsonl:7): not valid JSON\n");
    }

    @Test
    void theLogWritesALineWhenVerificationStartsAndStaysQuietBetweenIntervals() {
        StringWriter text = new StringWriter();
        ProgressLog log = new ProgressLog(new PrintWriter(text), "migrate");

        log.progressed(events(10, 100, 1));
        log.progressed(events(20, 100, 2));
        log.progressed(new MigrationProgress(Phase.VERIFYING, 0, 0, 0, 100, 0, Duration.ofSeconds(3)));

        assertThat(text.toString().lines()).containsExactly("migrate: verifying events 0/100 (0%)");
    }
}
