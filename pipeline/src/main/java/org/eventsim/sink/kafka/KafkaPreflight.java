package org.eventsim.sink.kafka;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eventsim.options.KafkaTarget;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Before anything is generated: checks that the brokers answer within the timeout, and creates the
 * topic if it is missing (an existing topic is used as it is).
 */
public final class KafkaPreflight {
  /**
   * Settings of a topic the run creates, so that it keeps records whose timestamps are simulated
   * arrival times, anywhere in the past or future: brokers by default reject timestamps more than
   * an hour ahead, and time-based retention would delete records stamped weeks ago at once.
   */
  static final Map<String, String> TOPIC_CONFIG =
      Map.of(
          "message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE),
          "message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE),
          "retention.ms", "-1");

  private KafkaPreflight() {}

  /**
   * Checks {@code target}'s brokers and topic.
   *
   * @return a one-line description, e.g. {@code created topic events (6 partitions)}
   * @throws IOException with a one-line message naming the address when the brokers do not answer
   */
  public static String check(KafkaTarget target) throws IOException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    int timeoutMs = (int) TimeUnit.SECONDS.toMillis(target.timeoutSeconds());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeoutMs, 10_000));
    probeBrokers(target, timeoutMs);
    try (Admin admin = Admin.create(props)) {
      int brokers;
      try {
        brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
      } catch (TimeoutException | ExecutionException e) {
        throw new IOException(
            "--kafka-bootstrap " + target.bootstrapServers() + ": no Kafka broker answered within "
                + target.timeoutSeconds() + " s (" + rootMessage(e) + ")");
      }
      Set<String> topics = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      if (topics.contains(target.topic())) {
        int partitions =
            admin.describeTopics(List.of(target.topic())).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(target.topic()).partitions().size();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, target.topic());
        Config config = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
        StringBuilder notes = new StringBuilder();
        for (Map.Entry<String, String> wanted : TOPIC_CONFIG.entrySet()) {
          ConfigEntry actual = config.get(wanted.getKey());
          if (actual != null && !wanted.getValue().equals(actual.value())) {
            notes.append(notes.length() == 0 ? "; note: it has " : ", ")
                .append(wanted.getKey()).append('=').append(actual.value());
          }
        }
        if (notes.length() > 0) {
          notes.append(
              " (records with simulated arrival times far in the past or future may be rejected or"
                  + " deleted; topics event-sim creates use ");
          notes.append(TOPIC_CONFIG).append(')');
        }
        return "topic " + target.topic() + " exists (" + partitions + " partitions), used as it is" + notes;
      }
      short replication = (short) Math.min(3, brokers);
      try {
        admin
            .createTopics(
                List.of(
                    new NewTopic(target.topic(), target.partitions(), replication)
                        .configs(TOPIC_CONFIG)))
            .all()
            .get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IOException(
              "--kafka-topic " + target.topic() + ": could not be created on "
                  + target.bootstrapServers() + " (" + rootMessage(e) + ")");
        }
      }
      return "created topic " + target.topic() + " (" + target.partitions() + " partitions, replication "
          + replication + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking --kafka-bootstrap " + target.bootstrapServers());
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException(
          "--kafka-bootstrap " + target.bootstrapServers() + ": " + rootMessage(e));
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new IOException("--kafka-bootstrap " + target.bootstrapServers() + ": " + rootMessage(e));
    }
  }

  /**
   * Asks each bootstrap address, over a plain socket, for the API versions it supports (Kafka's
   * ApiVersions request, which every broker answers, in the oldest form): an address where
   * something else listens (an HTTP server, say) would make Kafka's own client read its answer as
   * the size of a huge response, run out of memory and say only that nothing answered.
   *
   * @throws IOException naming the addresses when none answers as a Kafka broker
   */
  static void probeBrokers(KafkaTarget target, int timeoutMs) throws IOException {
    List<String> problems = new java.util.ArrayList<>();
    boolean someoneElse = false;
    for (String address : target.bootstrapServers().split(",")) {
      int colon = address.lastIndexOf(':');
      String host = address.substring(0, colon);
      int port = Integer.parseInt(address.substring(colon + 1));
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(host, port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
        byte[] client = "event-sim-preflight".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(2 + 2 + 4 + 2 + client.length); // size of what follows
        out.writeShort(API_VERSIONS);
        out.writeShort(0); // version 0: the form every broker answers, also to say it has newer ones
        out.writeInt(CORRELATION_ID);
        out.writeShort(client.length);
        out.write(client);
        out.flush();
        java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
        byte[] head = new byte[8];
        int n = in.readNBytes(head, 0, head.length);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head);
        if (n == 8 && b.getInt() >= 4 && b.getInt(4) == CORRELATION_ID && b.getInt(0) < (1 << 20)) {
          return; // a Kafka broker
        }
        someoneElse = true;
        problems.add(address + " answers, but not as a Kafka broker (it sent " + shown(head, n) + ")");
      } catch (IOException e) {
        problems.add(address + ": " + rootMessage(e));
      }
    }
    throw new IOException(
        "--kafka-bootstrap " + target.bootstrapServers() + ": "
            + (someoneElse ? "" : "no Kafka broker answered within " + target.timeoutSeconds() + " s: ")
            + String.join("; ", problems));
  }

  private static final short API_VERSIONS = 18;
  private static final int CORRELATION_ID = 0x65766e74;

  /** The first bytes an address sent, as text where they are printable. */
  private static String shown(byte[] head, int n) {
    if (n <= 0) {
      return "nothing";
    }
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < n; i++) {
      char c = (char) (head[i] & 0xff);
      s.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
    }
    return s.append("...'").toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

}
