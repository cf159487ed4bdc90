#!/usr/bin/env bash
# The whole benchmark suite, one JVM per section, then the report:
#   bench/results/latest.json, bench/results/latest.md and BENCHMARKS.md (regenerated).
# Usage: ./bench/run.sh [--quick] [--jfr] [--no-build] [section ...]
#   sections: overhead overhead-1thread overhead-10ms publishpath easytrain producer replay latency memory costperevent (default: all)
#   --quick     fewer repetitions, 200k replay events, 20 s outage (a smoke run; not for BENCHMARKS.md claims)
#   --jfr       record each section with JDK Flight Recorder into bench/results/jfr/<section>.jfr
#               (summarise: java -cp "$(cat bench/target/classpath.txt)" io.trainstream.bench.JfrTop FILE [thread])
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=""; jfr=""; build=1; sections=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick="--quick" ;;
    --jfr) jfr=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) sections+=("$arg") ;;
  esac
done
[ ${#sections[@]} -eq 0 ] && sections=(overhead overhead-1thread overhead-10ms publishpath easytrain producer replay latency memory costperevent)

export DJL_OFFLINE=true OPT_OUT_TRACKING=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
start=$(date +%s)
if [ "$build" = 1 ]; then
  mvn -q -B -o -pl bench -am install -DskipTests
  mvn -q -B -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
# snapshot the project's own jars: other builds installing into ~/.m2 mid-run would swap them under the JVMs
snap="$root/bench/target/lib-snapshot"; rm -rf "$snap"; mkdir -p "$snap"
cp="$root/bench/target/classes"
IFS=: read -r -a entries < bench/target/classpath.txt || true
for e in "${entries[@]}"; do
  case "$e" in
    */io/trainstream/*) cp -p "$e" "$snap/"; cp="$cp:$snap/$(basename "$e")" ;;
    *) cp="$cp:$e" ;;
  esac
done
results="$root/bench/results"
mkdir -p "$results/parts"
for s in "${sections[@]}"; do rm -f "$results/parts/$s.json"; done

sha=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain 2>/dev/null)" ] && sha="$sha (with uncommitted changes)"

status=0
for s in "${sections[@]}"; do
  heap=1g
  [ "$s" = replay ] && heap=4g
  # shellcheck disable=SC2206
  opts=(-Xmx$heap -Xms256m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -Dai.djl.offline=true "-DDJL_CACHE_DIR=$DJL_CACHE_DIR"
        -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.trainstream.schemas.avro "-Dbench.results=$results")
  if [ -n "$jfr" ]; then
    mkdir -p "$results/jfr"
    opts+=("-XX:StartFlightRecording=filename=$results/jfr/$s.jfr,settings=profile,dumponexit=true")
  fi
  echo "== $s $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java "${opts[@]}" -cp "$cp" io.trainstream.bench.Suite "$s" $quick || status=$?
done

total=$(( $(date +%s) - start ))
command="./bench/run.sh${quick:+ $quick}"
java -cp "$cp" -Dbench.results="$results" io.trainstream.bench.Report "$results" "$root/BENCHMARKS.md" "$sha" \
  "$command" "$total"
echo "suite: ${total} s; results in bench/results/latest.json, table in bench/results/latest.md, BENCHMARKS.md" >&2
exit $status
