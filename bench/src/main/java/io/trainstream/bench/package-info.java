/** Benchmarks of trainstream, each a class with a {@code main}, run by {@code bench/run.sh}. */
package io.trainstream.bench;
