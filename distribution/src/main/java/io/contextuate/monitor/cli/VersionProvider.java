package io.contextuate.monitor.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}: the one in the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ContextuateMonitor.class.getPackage().getImplementationVersion();
        return new String[] {"contextuate-monitor " + (version == null ? "(development build)" : version)};
    }
}
