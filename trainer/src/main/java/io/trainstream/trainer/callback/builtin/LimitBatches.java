package io.trainstream.trainer.callback.builtin;

import io.trainstream.trainer.Trainer;

/**
 * A scope in which every trainer created gets a {@link LimitBatchesCallback} first (the reference's
 * {@code LimitBatches} context manager), for quick debugging runs:
 *
 * <pre>{@code
 * try (LimitBatches limit = LimitBatches.to(2)) {
 *     Trainer trainer = new Trainer(model, loss, optimizer);   // limited to 2 batches per loader
 *     trainer.train(trainSet, config);
 * }                                                           // later trainers are not limited
 * }</pre>
 *
 * <p>It sets the {@value Trainer#LIMIT_BATCHES_ENV} system property the trainer reads at construction,
 * and closing it puts back whatever value was there before, so scopes nest. The property is global to
 * the JVM: do not open scopes from several threads at once.
 */
public final class LimitBatches implements AutoCloseable {

    private final String previous;
    private final int numBatches;
    private boolean closed;

    private LimitBatches(int numBatches) {
        this.numBatches = numBatches;
        this.previous = System.getProperty(Trainer.LIMIT_BATCHES_ENV);
        System.setProperty(Trainer.LIMIT_BATCHES_ENV, Integer.toString(numBatches));
    }

    /**
     * @param numBatches most batches per epoch for trainers created in the scope, at least 0
     * @return the open scope
     * @throws IllegalArgumentException when {@code numBatches} is negative
     */
    public static LimitBatches to(int numBatches) {
        if (numBatches < 0) {
            throw new IllegalArgumentException("numBatches must be >= 0, was " + numBatches);
        }
        return new LimitBatches(numBatches);
    }

    /** @return the limit this scope applies */
    public int numBatches() {
        return numBatches;
    }

    /** Restores the switch as it was before the scope opened; closing twice does nothing more. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (previous == null) {
            System.clearProperty(Trainer.LIMIT_BATCHES_ENV);
        } else {
            System.setProperty(Trainer.LIMIT_BATCHES_ENV, previous);
        }
    }
}
