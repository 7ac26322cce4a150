package org.eventsim.options;

import java.io.Serializable;

/**
 * Where and how the events are published to Kafka: the checked {@code --kafka-*} flags.
 *
 * @param bootstrapServers {@code HOST:PORT[,HOST:PORT...]}
 * @param topic the topic, created with {@code partitions} partitions if it does not exist
 * @param partitions partitions of a topic the run creates
 * @param timeoutSeconds how long the preflight check waits for the brokers, in seconds
 */
public record KafkaTarget(String bootstrapServers, String topic, int partitions, int timeoutSeconds)
    implements Serializable {

  /** The target of {@code --kafka-bootstrap} and its companions, or null without Kafka. */
  static KafkaTarget fromFlags(EventSimOptions options) throws UsageException {
    String topic = options.getKafkaTopic();
    if (topic == null
        || !topic.matches("[a-zA-Z0-9._-]{1,249}")
        || topic.equals(".")
        || topic.equals("..")) {
      throw Flags.get("kafka-topic").invalid(topic);
    }
    int partitions = (int) Flags.within("kafka-partitions", options.getKafkaPartitions(), 1, 10_000);
    int timeout = (int) Flags.within("kafka-timeout-seconds", options.getKafkaTimeoutSeconds(), 1, 3600);
    String bootstrap = options.getKafkaBootstrap();
    if (bootstrap == null) {
      return null;
    }
    if (!bootstrap.matches("[^,\\s:]+:\\d{1,5}(,[^,\\s:]+:\\d{1,5})*")) {
      throw Flags.get("kafka-bootstrap").invalid(bootstrap);
    }
    for (String address : bootstrap.split(",")) {
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      if (port < 1 || port > 65_535) {
        throw Flags.get("kafka-bootstrap").invalid(bootstrap);
      }
    }
    return new KafkaTarget(bootstrap, topic, partitions, timeout);
  }

  /** The same brokers and timeout, another topic (created with {@code partitions} partitions). */
  public KafkaTarget withTopic(String otherTopic, int otherPartitions) {
    return new KafkaTarget(bootstrapServers, otherTopic, otherPartitions, timeoutSeconds);
  }
}
