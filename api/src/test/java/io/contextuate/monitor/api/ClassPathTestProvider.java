package io.contextuate.monitor.api;

import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.StoreContext;
import io.contextuate.monitor.spi.StoreProvider;

import java.util.Set;

/** A provider registered on the test class path; it cannot open stores. */
public final class ClassPathTestProvider implements StoreProvider {

    static final String TYPE = "classpath-test";

    @Override
    public int contractVersion() {
        return CONTRACT_VERSION;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> aliases() {
        return Set.of("cpt");
    }

    @Override
    public String description() {
        return "a provider on the test class path";
    }

    @Override
    public MonitorStore open(StoreContext context) {
        throw new UnsupportedOperationException("the class path test provider opens no store");
    }
}
