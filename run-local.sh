#!/usr/bin/env bash
# One-command local run of Twinledger: builds what is needed, then starts PostgreSQL (yours on 5432, else an
# embedded one), Kafka, Keycloak and both services, and prints URLs, test users and a token example.
# Ctrl-C stops everything in reverse order.
#
# Usage: ./run-local.sh [--skip-build] [--infra-only] [--embedded-postgres] [--help]
#   --skip-build         do not run Maven (the jars from the last build are used)
#   --infra-only         only PostgreSQL, Kafka and Keycloak; run the services from an IDE
#   --embedded-postgres  use an embedded PostgreSQL even if one answers on 127.0.0.1:5432
# Every argument except --skip-build is passed on to dev.twinledger.localstack.LocalStack.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(pwd)"

skip_build=false
infra_only=false
stack_args=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    --infra-only) infra_only=true; stack_args+=("$arg") ;;
    *) stack_args+=("$arg") ;;
  esac
done

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java_cmd="$(command -v java)"
else
  echo "Java 17 or newer is required: no java on PATH and JAVA_HOME not set." >&2
  exit 1
fi
java_major="$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [[ -z "$java_major" || "${java_major%%.*}" -lt 17 ]]; then
  echo "Java 17 or newer is required; $java_cmd is version ${java_major:-unknown}." >&2
  exit 1
fi

mkdir -p .run/logs
if [[ "$skip_build" == false ]]; then
  command -v mvn >/dev/null 2>&1 || { echo "Maven is required to build (or pass --skip-build)." >&2; exit 1; }
  # Only what the run needs: the launcher and, unless --infra-only, the two services (with their modules).
  modules="local-stack"
  if [[ "$infra_only" == false ]]; then
    modules="local-stack,command-side,query-side"
  fi
  if [[ ! -d .run/keycloak ]]; then
    echo "Building (the first build downloads Keycloak, Kafka and PostgreSQL binaries, about 400 MB) ..."
  else
    echo "Building $modules ..."
  fi
  # No -o: once every artifact is cached, Maven makes no network requests for these release versions anyway,
  # and -o would only add a failure when someone adds a dependency. See local-stack/README.md.
  if ! mvn -B -q install -DskipTests -pl "$modules" -am >.run/logs/build.log 2>&1; then
    tail -n 40 .run/logs/build.log >&2
    echo >&2
    echo "Build failed; full output in .run/logs/build.log" >&2
    exit 1
  fi
fi

classpath_file="local-stack/target/local-stack.classpath"
if [[ ! -f "$classpath_file" || ! -d local-stack/target/classes ]]; then
  echo "local-stack is not built ($classpath_file missing): run without --skip-build." >&2
  exit 1
fi

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach its shutdown hook directly.
exec "$java_cmd" -Xmx256m -XX:TieredStopAtLevel=1 \
  -Dtwinledger.project.root="$root" \
  -cp "local-stack/target/classes:$(cat "$classpath_file")" \
  dev.twinledger.localstack.LocalStack ${stack_args[@]+"${stack_args[@]}"}
