package io.contextuate.monitor.migrator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL to MySQL: a store migrated twice, through two different SQL backends, still equals its source. */
class SqlToSqlMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void aStoreCarriedFromPostgresqlToMysqlStillEqualsItsSource() throws Exception {
        Path source = tmp.resolve("source");
        GeneratedStores.write(source, GeneratedStores.quick(61));
        try (ScratchDatabase pg = ScratchDatabase.create(ScratchDatabase.Kind.POSTGRESQL);
             ScratchDatabase my = ScratchDatabase.create(ScratchDatabase.Kind.MYSQL)) {
            Path pgConfig = pg.writeConfig(tmp.resolve("config"));
            Path myConfig = my.writeConfig(tmp.resolve("config"));
            MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"));

            MigrationSummary first = new Migrator(options).migrate(source, pgConfig);
            MigrationSummary second = new Migrator(options).migrate(pgConfig, myConfig);

            assertThat(first.outcome()).as(first.describe()).isEqualTo(Outcome.COMPLETED);
            assertThat(second.outcome()).as(second.describe()).isEqualTo(Outcome.COMPLETED);
            assertThat(second.reconstructedSessions()).isZero();
            VerificationReport report = Migrator.verify(source, myConfig, RefusedRecords.none());
            assertThat(report.equal()).as(report.describe()).isTrue();
            assertThat(report.reconstructed()).isNotEmpty();
            assertThat(StoreContents.of(myConfig).events()).isEqualTo(StoreContents.of(source).events());
        }
    }
}
