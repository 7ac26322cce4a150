package org.eventsim.options;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.model.Timestamps;
import org.eventsim.sink.kafka.KafkaTarget;

/**
 * A validated run: the generator's config plus where and how to write. Built once from the
 * options by {@link #from}; every check names its flag and what it accepts.
 *
 * @param generator what to generate
 * @param outDirAsGiven {@code --out} as typed, echoed as {@code out_dir} in stats.json
 * @param outDir {@code --out} as an absolute, normalised path
 * @param kafka where to publish the events ({@code --kafka-*}), or null for no Kafka
 * @param writeFiles whether to write the event files (not {@code --no-files})
 * @param ordersPerBlock tuning: orders per generated element
 * @param maxGroupEvents tuning: events per sorted part
 */
public record RunConfig(
    GeneratorConfig generator,
    String outDirAsGiven,
    String outDir,
    KafkaTarget kafka,
    boolean writeFiles,
    long ordersPerBlock,
    long maxGroupEvents)
    implements Serializable {

  /** The last instant a run may reach: timestamps are printed with four-digit years. */
  private static final long LAST_MICROS =
      Instant.parse("9999-01-01T00:00:00Z").getEpochSecond() * Timestamps.MICROS_PER_SECOND;

  /**
   * Validates {@code options}; {@code clock} gives "today" when {@code --start} is absent.
   *
   * @param given the tool flags present on the command line (e.g. {@code n-orders}), to reject
   *     combinations that make no sense
   */
  public static RunConfig from(EventSimOptions options, Set<String> given, Clock clock)
      throws UsageException {
    String out = options.getOut();
    if (out == null || out.isBlank()) {
      throw new UsageException(
          "--out is required: the folder to write events.ndjson, stats.json and the date folders to");
    }
    long numOrders = atLeast("n-orders", options.getNumOrders(), 0);
    long firstOrder = atLeast("first-order", options.getFirstOrder(), 0);
    if (firstOrder > Long.MAX_VALUE / 2 - numOrders) {
      throw Flags.get("first-order").invalid(firstOrder);
    }
    int spanDays = (int) within("span-days", options.getSpanDays(), 1, 36_500);
    int tenantCount = (int) atLeast("tenant-count", options.getTenantCount(), 1);
    int userCount = (int) atLeast("user-count", options.getUserCount(), 1);
    double lateRate = rate("late-rate", options.getLateRate());
    int maxLateDays = options.getMaxLateDays();
    if (maxLateDays < 0 || (maxLateDays == 0 && lateRate > 0)) {
      throw Flags.get("max-late-days").invalid(maxLateDays);
    }
    int gap = (int) atLeast("max-event-gap-minutes", options.getMaxEventGapMinutes(), 10);
    long start = start(options.getStart(), spanDays, clock);
    long ordersPerDay = atLeast("orders-per-day", options.getOrdersPerDay(), 0);
    int[] ingestDays = ingestDays(options);
    if (ordersPerDay > 0 && given.contains("span-days")) {
      throw new UsageException(
          "--span-days cannot be combined with --orders-per-day: orders are created day after day"
              + " from --start, without an end");
    }
    if (ordersPerDay > 0 && options.getStart() == null) {
      throw new UsageException(
          "--orders-per-day needs --start: the instant day 0 begins, the same in every run of the"
              + " simulation");
    }
    if (ingestDays != null) {
      String flag = options.getIngestDate() != null ? "--ingest-date" : "--ingest-dates";
      if (ordersPerDay == 0) {
        throw new UsageException(
            flag + " needs --orders-per-day: increments exist only in the continuous daily model");
      }
      for (String f : List.of("n-orders", "first-order")) {
        if (given.contains(f)) {
          throw new UsageException(
              "--" + f + " cannot be combined with " + flag + ": the days choose the orders");
        }
      }
      long[] range = ordersArriving(start, ordersPerDay, ingestDays, maxLateDays, gap);
      firstOrder = range[0];
      numOrders = range[1] - range[0];
    }

    GeneratorConfig generator =
        new GeneratorConfig(
            options.getSeed(),
            start,
            spanDays,
            firstOrder,
            numOrders,
            tenantCount,
            userCount,
            rate("v2-rate", options.getV2Rate()),
            rate("cancel-rate", options.getCancelRate()),
            rate("ship-rate", options.getShipRate()),
            rate("correction-rate", options.getCorrectionRate()),
            lateRate,
            rate("out-of-order-rate", options.getOutOfOrderRate()),
            maxLateDays,
            gap,
            rate("duplicate-rate", options.getDuplicateRate()),
            ordersPerDay,
            ingestDays == null ? GeneratorConfig.ALL_DAYS : ingestDays[0],
            ingestDays == null ? GeneratorConfig.ALL_DAYS : ingestDays[1]);
    long latest =
        start
            + (ordersPerDay > 0
                ? (generator.endOrder() / ordersPerDay + 1) * Timestamps.MICROS_PER_DAY
                : generator.spanMicros())
            + (4L * gap + 22) * Timestamps.MICROS_PER_MINUTE
            + (maxLateDays + 1L) * Timestamps.MICROS_PER_DAY;
    if (latest >= LAST_MICROS) {
      throw new UsageException(
          "--start " + Timestamps.format(start) + " with --span-days " + spanDays
              + " reaches past the year 9999: choose an earlier --start");
    }

    String topic = options.getKafkaTopic();
    if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}") || topic.equals(".") || topic.equals("..")) {
      throw Flags.get("kafka-topic").invalid(topic);
    }
    int partitions = (int) within("kafka-partitions", options.getKafkaPartitions(), 1, 10_000);
    int timeout = (int) within("kafka-timeout-seconds", options.getKafkaTimeoutSeconds(), 1, 3600);
    KafkaTarget kafka = null;
    String bootstrap = options.getKafkaBootstrap();
    if (bootstrap != null) {
      if (!bootstrap.matches("[^,\\s:]+:\\d{1,5}(,[^,\\s:]+:\\d{1,5})*")) {
        throw Flags.get("kafka-bootstrap").invalid(bootstrap);
      }
      kafka = new KafkaTarget(bootstrap, topic, partitions, timeout);
    }
    boolean writeFiles = !options.getNoFiles();
    if (!writeFiles && kafka == null) {
      throw new UsageException(
          "--no-files needs --kafka-bootstrap: without files or Kafka the run would publish nothing");
    }
    if (options.getOrdersPerBlock() < 1) {
      throw new UsageException("--ordersPerBlock must be an integer >= 1, got " + options.getOrdersPerBlock());
    }
    if (options.getMaxGroupEvents() < 1000) {
      throw new UsageException("--maxGroupEvents must be an integer >= 1000, got " + options.getMaxGroupEvents());
    }
    String outDir = Path.of(out).toAbsolutePath().normalize().toString();
    return new RunConfig(
        generator,
        out,
        outDir,
        kafka,
        writeFiles,
        options.getOrdersPerBlock(),
        options.getMaxGroupEvents());
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
    return s;
  }

  private static long atLeast(String flag, Number value, long min) throws UsageException {
    if (value.longValue() < min) {
      throw Flags.get(flag).invalid(value);
    }
    return value.longValue();
  }

  private static long within(String flag, Number value, long min, long max) throws UsageException {
    if (value.longValue() < min || value.longValue() > max) {
      throw Flags.get(flag).invalid(value);
    }
    return value.longValue();
  }

  /** {@code --ingest-date} or {@code --ingest-dates} as epoch days [first, last], or null. */
  private static int[] ingestDays(EventSimOptions options) throws UsageException {
    String one = options.getIngestDate();
    String range = options.getIngestDates();
    if (one != null && range != null) {
      throw new UsageException(
          "--ingest-date and --ingest-dates cannot be combined: give one day or one range");
    }
    if (one != null) {
      int day = date("ingest-date", one, one);
      return new int[] {day, day};
    }
    if (range != null) {
      int sep = range.indexOf("..");
      if (sep < 0) {
        throw Flags.get("ingest-dates").invalid(range);
      }
      int first = date("ingest-dates", range.substring(0, sep), range);
      int last = date("ingest-dates", range.substring(sep + 2), range);
      if (first > last) {
        throw Flags.get("ingest-dates").invalid(range);
      }
      return new int[] {first, last};
    }
    return null;
  }

  private static int date(String flag, String text, String whole) throws UsageException {
    try {
      long day = LocalDate.parse(text.trim()).toEpochDay();
      if (day < 0 || day > 2_900_000) {
        throw Flags.get(flag).invalid(whole);
      }
      return (int) day;
    } catch (DateTimeException e) {
      throw Flags.get(flag).invalid(whole);
    }
  }

  /**
   * The orders [first, end) of the daily model whose events can arrive on epoch days [days[0],
   * days[1]]: created before the last day ends, and less than the longest possible delay before
   * the first begins, in whole days of orders; the exact cut is made per event.
   */
  static long[] ordersArriving(long start, long ordersPerDay, int[] days, int maxLateDays, int gap) {
    long maxDelay = OrderLifecycle.maxArrivalAfterCreationMicros(gap, maxLateDays);
    long from = days[0] * Timestamps.MICROS_PER_DAY - maxDelay - start;
    long to = (days[1] + 1L) * Timestamps.MICROS_PER_DAY - start;
    // order k is created in [start + k days, start + k+1 days) and arrives at most maxDelay later
    long firstDayIndex = Math.max(0, Math.floorDiv(from, Timestamps.MICROS_PER_DAY));
    long endDayIndex = Math.max(0, -Math.floorDiv(-to, Timestamps.MICROS_PER_DAY));
    return new long[] {firstDayIndex * ordersPerDay, Math.max(firstDayIndex, endDayIndex) * ordersPerDay};
  }

  private static double rate(String flag, Double value) throws UsageException {
    if (value == null || !(value >= 0 && value <= 1)) {
      throw Flags.get(flag).invalid(value);
    }
    return value;
  }

  /**
   * {@code --start}: an instant ({@code 2026-01-01T00:00:00Z}, or with an offset), a UTC local
   * date-time, or a date (UTC midnight). Absent: UTC midnight of today minus span days.
   */
  static long start(String text, int spanDays, Clock clock) throws UsageException {
    Instant start;
    if (text == null) {
      start = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(spanDays)
          .atStartOfDay(ZoneOffset.UTC).toInstant();
    } else {
      start = parseStart(text.trim());
      if (start == null || start.getNano() % 1000 != 0 || start.getEpochSecond() < 0) {
        throw Flags.get("start").invalid(text);
      }
    }
    return start.getEpochSecond() * Timestamps.MICROS_PER_SECOND + start.getNano() / 1000;
  }

  private static Instant parseStart(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException ignored) {
      // not an offset date-time; try the other forms
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException ignored) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
