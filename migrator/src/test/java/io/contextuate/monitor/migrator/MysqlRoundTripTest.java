package io.contextuate.monitor.migrator;

class MysqlRoundTripTest extends SqlRoundTripTest {

    @Override
    ScratchDatabase.Kind kind() {
        return ScratchDatabase.Kind.MYSQL;
    }
}
