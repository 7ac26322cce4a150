package org.eventsim.options;

import java.io.Serializable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventsim.format.FileFormat;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.Timestamps;
import org.eventsim.output.Location;

/**
 * A validated run: the generator's config plus where and how to write. Built once from the
 * options by {@link #from} (the model's flags by {@link ModelFlags}, Kafka's by {@link
 * KafkaTarget}); every check names its flag and what it accepts.
 *
 * @param generator what to generate
 * @param out {@code --out}, read ({@link Location}); null for a live run
 * @param s3Endpoint {@code --s3-endpoint}, or null
 * @param takeOverLease {@code --take-over-lease}
 * @param kafka where to publish the events ({@code --kafka-*}), or null for no Kafka
 * @param writeFiles whether to write the event files (not {@code --no-files})
 * @param fileFormat the event files' format ({@code --format}, {@code --compression})
 * @param ordersPerBlock tuning: orders per generated element
 * @param maxGroupEvents tuning: events per sorted part
 * @param live the plan of a live run ({@code --live}), or null for a batch run
 */
public record RunConfig(
    GeneratorConfig generator,
    Location out,
    String s3Endpoint,
    boolean takeOverLease,
    KafkaTarget kafka,
    boolean writeFiles,
    FileFormat fileFormat,
    long ordersPerBlock,
    long maxGroupEvents,
    LivePlan live)
    implements Serializable {

  /**
   * Validates {@code options}; {@code clock} gives "today" when {@code --start} is absent.
   *
   * @param given the tool flags present on the command line (e.g. {@code n-orders}), to reject
   *     combinations that make no sense
   */
  public static RunConfig from(EventSimOptions options, Set<String> given, Clock clock)
      throws UsageException {
    LiveFlags.check(options, given);
    if (options.getLive()) {
      GeneratorConfig generator = ModelFlags.generatorConfig(options, given, clock);
      KafkaTarget kafka = KafkaTarget.fromFlags(options);
      LivePlan plan = LiveFlags.plan(options, generator);
      return new RunConfig(generator, null, null, false, kafka, false, FileFormat.NDJSON, 1, 1, plan);
    }
    Location out;
    try {
      out = Location.parse(options.getOut());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    GeneratorConfig generator = ModelFlags.generatorConfig(options, given, clock);
    KafkaTarget kafka = KafkaTarget.fromFlags(options);
    if (kafka == null) {
      for (String f : List.of("kafka-topic", "kafka-partitions", "kafka-timeout-seconds")) {
        if (given.contains(f)) {
          throw new UsageException(
              "--" + f + " applies to --kafka-bootstrap only: without it nothing is published to Kafka");
        }
      }
    }
    boolean writeFiles = !options.getNoFiles();
    if (!writeFiles && kafka == null) {
      throw new UsageException(
          "--no-files needs --kafka-bootstrap: without files or Kafka the run would publish nothing");
    }
    FileFormat fileFormat = fileFormat(options, given);
    String s3Endpoint = options.getS3Endpoint();
    if (s3Endpoint != null && !s3Endpoint.matches("https?://[^/\\s]+/?")) {
      throw Flags.get("s3-endpoint").invalid(s3Endpoint);
    }
    if (s3Endpoint != null && out.store() != Location.StoreKind.S3) {
      throw new UsageException(
          "--s3-endpoint applies to s3:// output only: --out " + out.given() + " is not on S3");
    }
    return new RunConfig(
        generator,
        out,
        s3Endpoint,
        options.getTakeOverLease(),
        kafka,
        writeFiles,
        fileFormat,
        Flags.within("ordersPerBlock", options.getOrdersPerBlock(), 1, 1_000_000),
        Flags.within("maxGroupEvents", options.getMaxGroupEvents(), 1000, 2_000_000),
        null);
  }

  /** The format of {@code --format} and {@code --compression}; each value is checked against its flag. */
  private static FileFormat fileFormat(EventSimOptions options, Set<String> given) throws UsageException {
    String format = options.getFormat();
    String compression = options.getCompression();
    if (FileFormat.of(format, "none") == null) {
      throw Flags.get("format").invalid(format);
    }
    if (FileFormat.of("ndjson", compression) == null) {
      throw Flags.get("compression").invalid(compression);
    }
    FileFormat f = FileFormat.of(format, compression);
    if (f == null || (given.contains("compression") && !format.equals("ndjson"))) {
      throw new UsageException(
          "--compression applies to --format ndjson only: Parquet files compress their pages with ZSTD"
              + " themselves; drop --compression " + compression);
    }
    return f;
  }

  /**
   * {@code --out} as typed, echoed as {@code out_dir}; null for a live run.
   */
  public String outDirAsGiven() {
    return out == null ? null : out.given();
  }

  /**
   * Every flag that shapes the output, by its stats.json name ({@code n_orders}, ...), with the
   * resolved start: a rerun with these values reproduces the run exactly.
   */
  public Map<String, Object> settings() {
    GeneratorConfig g = generator;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("n_orders", g.numOrders());
    s.put("first_order", g.firstOrder());
    s.put("seed", g.seed());
    s.put("start", Timestamps.format(g.startMicros()));
    s.put("span_days", g.spanDays());
    s.put("tenant_count", g.tenantCount());
    s.put("user_count", g.userCount());
    s.put("v2_rate", g.v2Rate());
    s.put("cancel_rate", g.cancelRate());
    s.put("ship_rate", g.shipRate());
    s.put("correction_rate", g.correctionRate());
    s.put("late_rate", g.lateRate());
    s.put("out_of_order_rate", g.outOfOrderRate());
    s.put("max_late_days", g.maxLateDays());
    s.put("max_event_gap_minutes", g.maxEventGapMinutes());
    s.put("duplicate_rate", g.duplicateRate());
    s.put("orders_per_day", g.ordersPerDay());
    s.put("ingest_dates", g.increment()
        ? Timestamps.formatDate(g.ingestFirstDay()) + ".." + Timestamps.formatDate(g.ingestLastDay())
        : null);
    s.put("kafka_bootstrap", kafka == null ? null : kafka.bootstrapServers());
    s.put("kafka_topic", kafka == null ? null : kafka.topic());
    s.put("kafka_partitions", kafka == null ? null : kafka.partitions());
    s.put("no_files", !writeFiles);
    s.put("format", fileFormat.format());
    s.put("compression", fileFormat.compression());
    return s;
  }
}
