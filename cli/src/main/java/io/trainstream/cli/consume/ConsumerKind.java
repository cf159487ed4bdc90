package io.trainstream.cli.consume;

/** The consumer types {@code trainstream consume} runs. */
public enum ConsumerKind {
    /** Metrics per epoch to the console and {@code logging.jsonl} (the seed's LogMetricsCallback). */
    LOGGING,
    /** Each run's history as CSV, plus a Prometheus scrape endpoint. */
    METRICS,
    /** One predictions CSV per run and evaluation. */
    PREDICTIONS,
    /** The live web dashboard. */
    DASHBOARD;

    /** @return the name on the command line and of the consumer group suffix, e.g. {@code logging} */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
