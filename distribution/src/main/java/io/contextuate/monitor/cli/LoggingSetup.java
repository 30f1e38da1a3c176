package io.contextuate.monitor.cli;

import picocli.CommandLine;

/**
 * Sets up slf4j-simple before any library logs, then runs the command: logs go to standard error only, at WARN, or
 * INFO with {@code -v}, DEBUG with {@code -vv} (the connection pool's own WARN lines, which repeat what the retry
 * policy says with a whole stack trace, only at {@code -vv}). A setting given with {@code -D} (in {@code JAVA_OPTS}) wins.
 */
final class LoggingSetup implements CommandLine.IExecutionStrategy {

    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String TARGET_PROPERTY = "org.slf4j.simpleLogger.logFile";
    static final String THREAD_PROPERTY = "org.slf4j.simpleLogger.showThreadName";
    static final String SHORT_NAME_PROPERTY = "org.slf4j.simpleLogger.showShortLogName";
    static final String POOL_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.com.zaxxer.hikari";
    static final String POOL_CONFIG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.com.zaxxer.hikari.HikariConfig";

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        Object root = parseResult.commandSpec().root().userObject();
        int verbosity = root instanceof ContextuateMonitor monitor ? monitor.verbosity() : 0;
        setIfAbsent(TARGET_PROPERTY, "System.err");
        setIfAbsent(THREAD_PROPERTY, "false");
        setIfAbsent(SHORT_NAME_PROPERTY, "true");
        setIfAbsent(LEVEL_PROPERTY, verbosity == 0 ? "warn" : verbosity == 1 ? "info" : "debug");
        // the pool logs a lost connection at WARN with the whole stack; the retry policy's one line says it, and
        // -vv shows the pool's detail
        setIfAbsent(POOL_LEVEL_PROPERTY, verbosity < 2 ? "error" : "debug");
        // its DEBUG dump of the configuration prints driver properties, secret ones included
        setIfAbsent(POOL_CONFIG_LEVEL_PROPERTY, "info");
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
