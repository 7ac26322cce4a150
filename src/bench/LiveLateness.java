import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How late a live run's records reach a consumer: for each record, the wall-clock instant it was
 * received minus the instant it was due, origin + (record timestamp - start) / speed, where origin
 * is the wall-clock instant its player's simulated clock started (the player of order O-n is
 * (n - 1) mod partitions; its origin is read from the run's stderr, "live player k of P ...: clock
 * origin ... (N us since the epoch)"). Kafka's own consumer, polling with a 5 ms fetch wait.
 *
 * <p>java -cp KAFKA_CLASSPATH LiveLateness.java BOOTSTRAP TOPIC START SPEED PARTITIONS STDERR_FILE
 * RECORDS TIMEOUT_S
 *
 * <p>Stops after RECORDS records (or TIMEOUT_S seconds without one) and prints one line of
 * percentiles, in milliseconds, from a 1 ms histogram.
 */
public class LiveLateness {
  private static final Pattern ORIGIN =
      Pattern.compile("live player (\\d+) of (\\d+) [^:]*: clock origin \\S+ \\((\\d+) us since the epoch\\)");

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    Instant startInstant = Instant.parse(args[2]);
    long start = startInstant.getEpochSecond() * 1_000_000L + startInstant.getNano() / 1000;
    double speed = Double.parseDouble(args[3]);
    int partitions = Integer.parseInt(args[4]);
    Path stderr = Path.of(args[5]);
    long wanted = Long.parseLong(args[6]);
    long idleTimeoutNanos = Long.parseLong(args[7]) * 1_000_000_000L;

    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    long[] histogram = new long[120_001]; // 1 ms buckets, the last one: 120 s or more
    long early = 0;
    long count = 0;
    long maxMicros = Long.MIN_VALUE;
    Map<Integer, Long> origins = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      long waitForTopic = System.nanoTime() + 300_000_000_000L; // the command may build its jar first
      while (tps.isEmpty()) {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
        if (infos != null) {
          infos.forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
        } else if (System.nanoTime() > waitForTopic) {
          throw new IllegalStateException("no topic " + topic);
        } else {
          Thread.sleep(100);
        }
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long lastRecord = System.nanoTime();
      while (count < wanted && System.nanoTime() - lastRecord < idleTimeoutNanos) {
        var records = consumer.poll(Duration.ofMillis(100));
        Instant now = Instant.now();
        long received = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        for (ConsumerRecord<String, byte[]> r : records) {
          lastRecord = System.nanoTime();
          int player = (int) ((Long.parseLong(r.key().substring(2)) - 1) % partitions);
          Long origin = origins.get(player);
          while (origin == null) {
            readOrigins(stderr, origins);
            origin = origins.get(player);
            if (origin == null) {
              Thread.sleep(20);
            }
          }
          long due = origin + (long) ((r.timestamp() * 1000L - start) / speed);
          long late = received - due;
          if (late < -1000) {
            early++;
          }
          maxMicros = Math.max(maxMicros, late);
          histogram[(int) Math.max(0, Math.min(histogram.length - 1, late / 1000))]++;
          count++;
        }
      }
    }
    System.out.printf(
        "records %d, early (more than 1 ms before due) %d, lateness ms: p50 %d p90 %d p99 %d p99.9 %d max %.1f%n",
        count, early, percentile(histogram, count, 0.5), percentile(histogram, count, 0.9),
        percentile(histogram, count, 0.99), percentile(histogram, count, 0.999), maxMicros / 1000.0);
  }

  private static void readOrigins(Path stderr, Map<Integer, Long> origins) throws IOException {
    Matcher m = ORIGIN.matcher(Files.readString(stderr));
    while (m.find()) {
      // a resumed player keeps its origin; the last line of each player wins
      origins.put(Integer.parseInt(m.group(1)) - 1, Long.parseLong(m.group(3)));
    }
  }

  /** The upper edge (ms) of the bucket holding the q-quantile. */
  private static long percentile(long[] histogram, long count, double q) {
    long rank = (long) Math.ceil(q * count);
    long seen = 0;
    for (int i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank) {
        return i + 1;
      }
    }
    return histogram.length;
  }
}
