package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.MonitorStore;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.contextuate.monitor.postgresql.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Stores opened at the same moment on a fresh database, each with its own pool, apply each migration once. */
class ConcurrentSchemaApplyTest {

    private static final int OPENERS = 3;

    @Test
    void storesOpeningAFreshDatabaseAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<MonitorStore>> opened = new ArrayList<>();
            for (int i = 0; i < OPENERS; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return db.open();
                }));
            }
            start.countDown();
            List<MonitorStore> stores = new ArrayList<>();
            try {
                for (Future<MonitorStore> f : opened) {
                    stores.add(f.get(60, TimeUnit.SECONDS));
                }
                for (int i = 0; i < stores.size(); i++) {
                    assertThat(stores.get(i).saveEvent(event("s", "e" + i, i))).isTrue();
                }
            } finally {
                stores.forEach(MonitorStore::close);
                pool.shutdownNow();
            }
            try (Connection c = db.connect()) {
                List<String> applied = new Catalog(c, "public").list("SELECT version || ' ' || count(*)"
                        + " FROM public.schema_history WHERE success AND type = 'SQL' GROUP BY version ORDER BY 1");
                assertThat(applied).containsExactly("1 1", "2 1");
            }
        }
    }
}
