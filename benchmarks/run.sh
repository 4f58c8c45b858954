#!/usr/bin/env bash
# Runs the Twinledger benchmarks and appends a dated section to docs/benchmarks.md.
# Builds what it needs (benchmarks and the modules it depends on, both service jars; mvn package, nothing installed),
# generates the estate, starts the real stack on free ports, measures, stops everything and runs the JMH
# micro-benchmarks.
#
# Usage: benchmarks/run.sh [--skip-build] [--warmup=5] [--duration=20] [--lag-duration=20] [--clients=1,8]
#                          [--rates=100,500] [--no-stack] [--no-jmh] [--no-jfr] [--help]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

skip_build=false
args=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    *) args+=("$arg") ;;
  esac
done

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p benchmarks/target
if [[ "$skip_build" == false ]]; then
  echo "Building benchmarks, command-side and query-side (log: benchmarks/target/build.log) ..."
  # package, not install: in one reactor build the benchmarks' classpath file names the modules' own target/*.jar,
  # so nothing is written to the local Maven repository. Offline by default (BENCH_MAVEN_OFFLINE=false to allow
  # downloads).
  offline=(-o)
  [[ "${BENCH_MAVEN_OFFLINE:-true}" == false ]] && offline=()
  if ! mvn -B -q ${offline[@]+"${offline[@]}"} package -DskipTests -Djacoco.skip=true \
      -pl benchmarks,command-side,query-side -am >benchmarks/target/build.log 2>&1; then
    tail -n 40 benchmarks/target/build.log >&2
    echo "Build failed; full output in benchmarks/target/build.log" >&2
    exit 1
  fi
fi

exec "$java_cmd" -Xmx2g \
  -Dtwinledger.project.root="$root" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)" \
  dev.twinledger.benchmarks.BenchmarkMain ${args[@]+"${args[@]}"}
