package io.contextuate.monitor.conformance;

/** The upstream-shaped data set {@link LosslessConformance} round-trips, generated once per JVM. */
final class LosslessDataset {

    static final UpstreamDataset DATA = UpstreamData.generate(UpstreamDataOptions.small(20_261_126));

    private LosslessDataset() {
    }
}
