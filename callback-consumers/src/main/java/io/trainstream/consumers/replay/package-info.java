/**
 * Replaying a recorded run from the event log: rebuilding its history, exporting and plotting it, and
 * asking in-process callbacks what they would have done (what-if).
 */
package io.trainstream.consumers.replay;
