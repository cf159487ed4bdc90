/**
 * Replaying a recorded run from the event log: reading all of it, also across a crash resume, streamed
 * one event at a time or collected ({@link io.trainstream.consumers.replay.RecordedRuns}), rebuilding its
 * history event by event without keeping the events ({@link io.trainstream.consumers.replay.RunReplay}), summarising, exporting and plotting it, asking
 * in-process callbacks what they would have done (what-if), and re-driving a consumer sink with the
 * run's events marked REPLAY into an output directory of its own
 * ({@link io.trainstream.consumers.replay.RunRedrive}, {@link io.trainstream.consumers.replay.ReplayOutputs}).
 */
package io.trainstream.consumers.replay;
