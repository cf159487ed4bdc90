#!/usr/bin/env bash
# Runs a benchmark of the bench module (default: PublishingOverheadBench) in one JVM, offline.
# Usage: bench/run.sh [MainClass] [-- extra Maven args]; results land in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
main="${1:-io.trainstream.bench.PublishingOverheadBench}"
case "$main" in *.*) ;; *) main="io.trainstream.bench.$main" ;; esac
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
# build bench and what it depends on (exec:java must then run on the bench module alone)
mvn -q -B -pl bench -am install -DskipTests
mvn -q -B -pl bench org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dbench.main="$main"
