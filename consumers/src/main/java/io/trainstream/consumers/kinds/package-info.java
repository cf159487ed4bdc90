/**
 * The one registry of consumer kinds ({@link io.trainstream.consumers.kinds.ConsumerKind}): for
 * logging, metrics, predictions and the dashboard it knows how to build the sink and what the kind
 * adds around it, and both ways of running a kind use it: live on the events topic ({@link
 * io.trainstream.consumers.kinds.ConsumerKind#startLive}) and re-driven from a recorded run ({@link
 * io.trainstream.consumers.kinds.ConsumerKind#redrive}). A new kind is one constant here and one
 * {@code KindSink} subclass.
 */
package io.trainstream.consumers.kinds;
