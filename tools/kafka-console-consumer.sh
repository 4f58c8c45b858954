#!/usr/bin/env bash
# Kafka's own console consumer, run from the jars the local run already downloaded (no Kafka install needed).
# Example: tools/kafka-console-consumer.sh --bootstrap-server 127.0.0.1:19092 --topic twinledger.events \
#            --from-beginning --property print.key=true
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/local-stack/target/classes/dev/twinledger/localstack/kafka-broker.classpath"
if [[ ! -f "$classpath_file" ]]; then
  echo "Build first: ./run-local.sh (or mvn -B -q install -DskipTests -pl local-stack -am)" >&2
  exit 1
fi
exec java -Dlog4j.configuration="file:$root/tools/console-log4j.properties" -cp "$(cat "$classpath_file")" org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
