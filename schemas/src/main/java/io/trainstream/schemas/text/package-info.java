/**
 * Text from the log made safe for a terminal: {@link io.trainstream.schemas.text.TerminalText}. In
 * this module because every other module (trainer, consumers, cli) depends on it.
 */
package io.trainstream.schemas.text;
