/**
 * The public JSON-lines rendering of events, one JSON object per event, for people who pipe the
 * event log into {@code jq}. The keys are documented on {@link io.trainstream.schemas.json.EventJson}
 * and in the module README.
 */
package io.trainstream.schemas.json;
