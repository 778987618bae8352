#!/usr/bin/env bash
# Runs a Kafka command-line tool from the jars cached by start-kafka.sh, e.g.
#   tools/kafka/kafka-cli.sh topics --bootstrap-server 127.0.0.1:9092 --create --topic t --partitions 3
#   tools/kafka/kafka-cli.sh console-producer --bootstrap-server 127.0.0.1:9092 --topic t
#   tools/kafka/kafka-cli.sh console-consumer --bootstrap-server 127.0.0.1:9092 --topic t --from-beginning
# Short names: topics, console-producer, console-consumer, consumer-groups, metadata-quorum,
# broker-api-versions, configs, get-offsets; anything else is taken as a main class name.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ $# -ge 1 ]] || { sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 2; }
libs_fetched || die "Kafka jars are not cached yet: run 'npm run kafka:start' first"
tool=$1
shift
case $tool in
  topics) main=org.apache.kafka.tools.TopicCommand ;;
  console-producer) main=kafka.tools.ConsoleProducer ;;
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  metadata-quorum) main=org.apache.kafka.tools.MetadataQuorumCommand ;;
  broker-api-versions) main=kafka.admin.BrokerApiVersionsCommand ;;
  configs) main=kafka.admin.ConfigCommand ;;
  get-offsets) main=org.apache.kafka.tools.GetOffsetShell ;;
  *) main=$tool ;;
esac
kafka_cli "$main" "$@"
