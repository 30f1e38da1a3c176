package io.contextuate.monitor.migrator;

class PostgresqlRoundTripTest extends SqlRoundTripTest {

    @Override
    ScratchDatabase.Kind kind() {
        return ScratchDatabase.Kind.POSTGRESQL;
    }
}
