package io.contextuate.monitor.postgresql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the events table is laid out ({@code persistence.database.partitioning}): one table ({@code none}, the
 * default), or a table partitioned by range of the session's bucket (its start time in ms as first known, see
 * {@code db/postgresql-partitioning}) in UTC months or days. Buckets before 1970 and from the year 10000 on go to two
 * catch-all partitions, so no session is ever refused. A partition is named {@code events_bYYYY_MM} (monthly),
 * {@code events_bYYYY_MM_DD} (daily), {@code events_b_before} or {@code events_b_after}.
 */
enum Partitioning {
    NONE, MONTHLY, DAILY;

    /** The first timestamp past the bucketed range: 10000-01-01T00:00Z. */
    static final long BUCKETED_END = LocalDate.of(10000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu_MM");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu_MM_dd");

    /** The setting of a store's context; {@code none} when absent. */
    static Partitioning from(StoreContext context) {
        String value = context.settings().string("database.partitioning").orElse("none").trim()
                .toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "none" -> NONE;
            case "monthly" -> MONTHLY;
            case "daily" -> DAILY;
            default -> throw new ConfigurationException("persistence.database.partitioning " + context.origin()
                    + " must be none, monthly or daily; found '" + value + "'");
        };
    }

    /** The name the setting has in configuration and in the layout table. */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The setting named by {@link #configName()}. */
    static Partitioning ofConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The range (partition) holding a bucket value, a time in ms. Not for {@link #NONE}. */
    Bucket bucketOf(long timestamp) {
        if (this == NONE) {
            throw new IllegalStateException("an unpartitioned layout has no buckets");
        }
        if (timestamp < 0) {
            return new Bucket("b_before", Long.MIN_VALUE, 0);
        }
        if (timestamp >= BUCKETED_END) {
            return new Bucket("b_after", BUCKETED_END, Long.MAX_VALUE);
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC);
        LocalDate start = this == MONTHLY ? day.withDayOfMonth(1) : day;
        LocalDate end = this == MONTHLY ? start.plusMonths(1) : start.plusDays(1);
        return new Bucket("b" + start.format(this == MONTHLY ? MONTH : DAY), millis(start), millis(end));
    }

    /** The bucket after this one (the ahead-of-time partitions). */
    Bucket next(Bucket bucket) {
        return bucketOf(bucket.end());
    }

    private static long millis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /**
     * One partition's range of session buckets (ms), {@code [start, end)}; {@link Long#MIN_VALUE} and
     * {@link Long#MAX_VALUE} stand for MINVALUE and MAXVALUE.
     *
     * @param suffix what the partition's name adds to the events table's name
     */
    record Bucket(String suffix, long start, long end) {

        /** The partition's table name for an events table name. */
        String tableName(String eventsTable) {
            return eventsTable + "_" + suffix;
        }

        String lowerBound() {
            return start == Long.MIN_VALUE ? "MINVALUE" : Long.toString(start);
        }

        String upperBound() {
            return end == Long.MAX_VALUE ? "MAXVALUE" : Long.toString(end);
        }
    }
}
