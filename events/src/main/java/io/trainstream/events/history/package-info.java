/** The run history: metric values by name and the current epoch, in memory or rebuilt from a log. */
package io.trainstream.events.history;
