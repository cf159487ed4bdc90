package io.trainstream.events;

/** Public access to the sample body of each kind, for tests in other packages. */
public final class SampleBodies {

    private SampleBodies() {}

    /**
     * @param kind any kind
     * @return a sample body of that kind
     */
    public static EventBody of(EventKind kind) {
        return SampleRunEvents.body(kind);
    }
}
