package org.eventsim.sink.kafka;

import java.io.Serializable;

/**
 * Where and how the events are published to Kafka.
 *
 * @param bootstrapServers {@code HOST:PORT[,HOST:PORT...]}
 * @param topic the topic, created with {@code partitions} partitions if it does not exist
 * @param partitions partitions of a topic the run creates
 * @param timeoutSeconds how long the preflight check waits for the brokers, in seconds
 */
public record KafkaTarget(String bootstrapServers, String topic, int partitions, int timeoutSeconds)
    implements Serializable {}
