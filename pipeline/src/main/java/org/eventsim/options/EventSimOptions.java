package org.eventsim.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.generate.GeneratorConfig;

/**
 * The command line of event-sim: the Python tool's flags (same names and defaults, see {@link
 * CliFlag}) plus any of Beam's pipeline options ({@code --runner=FlinkRunner}, ...).
 *
 * <p>Read once, by {@link RunConfig#from}, which validates them and turns them into the immutable
 * config the transforms receive; transforms never see these options.
 */
public interface EventSimOptions extends PipelineOptions {
  @CliFlag(value = "out", accepts = "a writable folder: a local path, hdfs://HOST:PORT/path or s3://bucket/prefix")
  @Description(
      "Output folder (required): a local path, hdfs://HOST:PORT/path or s3://bucket/prefix. The tool"
          + " owns events.ndjson, stats.json, expected/, events_by_ingest_date/ and"
          + " events_by_event_date/ in it and replaces them on every run (a daily increment replaces"
          + " only its own days' files).")
  String getOut();

  void setOut(String value);

  @CliFlag(value = "s3-endpoint", accepts = "an http:// or https:// URL, e.g. http://127.0.0.1:9000")
  @Description(
      "Endpoint of an S3-compatible store for s3:// output (path-style addressing). Credentials and"
          + " region come from the AWS SDK's default chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,"
          + " AWS_REGION, profiles.")
  String getS3Endpoint();

  void setS3Endpoint(String value);

  @CliFlag(value = "take-over-lease", accepts = "true or false (the flag alone means true)")
  @Description(
      "Take --out from a run that holds its lease but is gone, without waiting for the lease to"
          + " expire (60 s after its last heartbeat).")
  @Default.Boolean(false)
  Boolean getTakeOverLease();

  void setTakeOverLease(Boolean value);

  @CliFlag(value = "n-orders", accepts = "an integer from 0 to 10^15")
  @Description("Number of orders to generate.")
  @Default.Long(GeneratorConfig.DEFAULT_NUM_ORDERS)
  Long getNumOrders();

  void setNumOrders(Long value);

  @CliFlag(value = "first-order", accepts = "an integer from 0 to 10^15 (with --n-orders: their sum at most 10^15)")
  @Description(
      "Index of the first order: generates orders [first-order, first-order + n-orders), exactly"
          + " those orders of a bigger run, so big jobs can be split across runs.")
  @Default.Long(0)
  Long getFirstOrder();

  void setFirstOrder(Long value);

  @CliFlag(value = "orders-per-day", accepts = "an integer from 1 to 10^12 (0: off)")
  @Description(
      "Continuous daily simulation: order i is created on day floor(i / N) after --start (uniformly"
          + " within that day), forever. Needs --start. With --ingest-date(s), the days choose the"
          + " orders; without, --n-orders orders from --first-order are generated. 0: off, orders"
          + " are spread over --span-days.")
  @Default.Long(0)
  Long getOrdersPerDay();

  void setOrdersPerDay(Long value);

  @CliFlag(value = "ingest-date", accepts = "a date YYYY-MM-DD")
  @Description(
      "With --orders-per-day: write exactly the events that arrive on this UTC day (a daily"
          + " increment), including late and out-of-order ones of orders created days before.")
  String getIngestDate();

  void setIngestDate(String value);

  @CliFlag(value = "ingest-dates", accepts = "a range of dates YYYY-MM-DD..YYYY-MM-DD (inclusive, first <= last)")
  @Description(
      "With --orders-per-day: as --ingest-date, for every day of the range; each day's file is"
          + " byte-identical to a run of that day alone.")
  String getIngestDates();

  void setIngestDates(String value);

  @CliFlag(value = "seed", accepts = "an integer (64-bit)")
  @Description("Seed: the same seed and flags give byte-identical output.")
  @Default.Long(GeneratorConfig.DEFAULT_SEED)
  Long getSeed();

  void setSeed(Long value);

  @CliFlag(
      value = "start",
      accepts = "an ISO-8601 UTC time such as 2026-01-01T00:00:00Z, from 1970-01-01 to 9999-12-31")
  @Description(
      "First instant orders are created (UTC), e.g. 2026-01-01T00:00:00Z. Default: UTC midnight of"
          + " today minus --span-days (the resolved value is recorded in stats.json).")
  String getStart();

  void setStart(String value);

  @CliFlag(value = "span-days", accepts = "an integer from 1 to 36500")
  @Description("Orders are created uniformly over this many days from --start.")
  @Default.Integer(GeneratorConfig.DEFAULT_SPAN_DAYS)
  Integer getSpanDays();

  void setSpanDays(Integer value);

  @CliFlag(value = "tenant-count", accepts = "an integer >= 1")
  @Description("Number of tenants (T-001, ...), drawn uniformly per order.")
  @Default.Integer(GeneratorConfig.DEFAULT_TENANT_COUNT)
  Integer getTenantCount();

  void setTenantCount(Integer value);

  @CliFlag(value = "user-count", accepts = "an integer >= 1")
  @Description("Number of users (U-00001, ...), drawn uniformly per order.")
  @Default.Integer(GeneratorConfig.DEFAULT_USER_COUNT)
  Integer getUserCount();

  void setUserCount(Integer value);

  @CliFlag(value = "v2-rate", accepts = "a number within [0, 1]")
  @Description("Probability that order_created uses schema v2 (adds promo_code, device_type).")
  @Default.Double(GeneratorConfig.DEFAULT_V2_RATE)
  Double getV2Rate();

  void setV2Rate(Double value);

  @CliFlag(value = "cancel-rate", accepts = "a number within [0, 1]")
  @Description("Probability that an order is cancelled after payment.")
  @Default.Double(GeneratorConfig.DEFAULT_CANCEL_RATE)
  Double getCancelRate();

  void setCancelRate(Double value);

  @CliFlag(value = "ship-rate", accepts = "a number within [0, 1]")
  @Description("Probability that a non-cancelled order is shipped.")
  @Default.Double(GeneratorConfig.DEFAULT_SHIP_RATE)
  Double getShipRate();

  void setShipRate(Double value);

  @CliFlag(value = "correction-rate", accepts = "a number within [0, 1]")
  @Description("Probability that a non-cancelled order's amount is corrected after payment.")
  @Default.Double(GeneratorConfig.DEFAULT_CORRECTION_RATE)
  Double getCorrectionRate();

  void setCorrectionRate(Double value);

  @CliFlag(value = "late-rate", accepts = "a number within [0, 1]")
  @Description(
      "Probability, per event, that it arrives 1..--max-late-days days (plus 0..120 minutes) late.")
  @Default.Double(GeneratorConfig.DEFAULT_LATE_RATE)
  Double getLateRate();

  void setLateRate(Double value);

  @CliFlag(value = "out-of-order-rate", accepts = "a number within [0, 1]")
  @Description(
      "Probability, per order, that one of its events arrives after an event that happened later.")
  @Default.Double(GeneratorConfig.DEFAULT_OUT_OF_ORDER_RATE)
  Double getOutOfOrderRate();

  void setOutOfOrderRate(Double value);

  @CliFlag(value = "duplicate-rate", accepts = "a number within [0, 1]")
  @Description(
      "Probability, per event, that it is delivered twice (same event_id and payload, ingest_time"
          + " 1..600 s later), as at-least-once transports do.")
  @Default.Double(GeneratorConfig.DEFAULT_DUPLICATE_RATE)
  Double getDuplicateRate();

  void setDuplicateRate(Double value);

  @CliFlag(value = "max-late-days", accepts = "an integer from 1 to 36500 (0 only with --late-rate 0)")
  @Description("Upper bound, in days, of how late a late event arrives.")
  @Default.Integer(GeneratorConfig.DEFAULT_MAX_LATE_DAYS)
  Integer getMaxLateDays();

  void setMaxLateDays(Integer value);

  @CliFlag(
      value = "max-event-gap-minutes",
      accepts = "an integer >= 10 (order_shipped comes 30..3 x gap minutes after payment)")
  @Description("Gap, in minutes, bounding the delays between lifecycle steps.")
  @Default.Integer(GeneratorConfig.DEFAULT_MAX_EVENT_GAP_MINUTES)
  Integer getMaxEventGapMinutes();

  void setMaxEventGapMinutes(Integer value);

  @CliFlag(value = "kafka-bootstrap", accepts = "HOST:PORT[,HOST:PORT...] (ports from 1 to 65535)")
  @Description(
      "Kafka bootstrap servers: publish every event there too (key order_id, value the JSON line,"
          + " timestamp ingest_time).")
  String getKafkaBootstrap();

  void setKafkaBootstrap(String value);

  @CliFlag(value = "kafka-topic", accepts = "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'")
  @Description("Kafka topic for --kafka-bootstrap; created if missing.")
  @Default.String("events")
  String getKafkaTopic();

  void setKafkaTopic(String value);

  @CliFlag(value = "kafka-partitions", accepts = "an integer from 1 to 10000")
  @Description("Partitions of the Kafka topic when the run creates it (an existing topic is used as it is).")
  @Default.Integer(6)
  Integer getKafkaPartitions();

  void setKafkaPartitions(Integer value);

  @CliFlag(value = "kafka-timeout-seconds", accepts = "an integer from 1 to 3600")
  @Description("How long, in seconds, to wait for the Kafka brokers to answer before generating.")
  @Default.Integer(30)
  Integer getKafkaTimeoutSeconds();

  void setKafkaTimeoutSeconds(Integer value);

  @CliFlag(value = "format", accepts = "ndjson or parquet")
  @Description(
      "Format of the event files: ndjson (a JSON line per event) or parquet (typed columns, ZSTD pages;"
          + " the same events in the same order). stats.json and expected/ stay JSON; Kafka records stay"
          + " JSON lines.")
  @Default.String("ndjson")
  String getFormat();

  void setFormat(String value);

  @CliFlag(value = "compression", accepts = "none, gzip or zstd (with --format ndjson)")
  @Description(
      "Compression of the NDJSON files: none, gzip (.ndjson.gz) or zstd (.ndjson.zst); each file is"
          + " one valid stream for gzip -d / zstd -d.")
  @Default.String("none")
  String getCompression();

  void setCompression(String value);

  @CliFlag(value = "no-files", accepts = "true or false (the flag alone means true)")
  @Description("Publish to Kafka only: write no event files (stats.json and expected/ are still written).")
  @Default.Boolean(false)
  Boolean getNoFiles();

  void setNoFiles(Boolean value);

  @CliFlag(value = "live", accepts = "true or false (the flag alone means true)")
  @Description(
      "Live mode: play the daily model out in wall-clock time, publishing each event to"
          + " --kafka-topic when the simulated clock (started at --start) reaches its ingest_time,"
          + " and each final answer-key row to <topic>.expected. Needs --kafka-bootstrap,"
          + " --orders-per-day and --start; writes no files.")
  @Default.Boolean(false)
  Boolean getLive();

  void setLive(Boolean value);

  @CliFlag(value = "speed", accepts = "a number > 0 (simulated seconds per wall-clock second)")
  @Description(
      "With --live: simulated seconds per wall-clock second (1 = real time, 3600 = an hour a second).")
  @Default.Double(1)
  Double getSpeed();

  void setSpeed(Double value);

  @CliFlag(value = "until", accepts = "an instant after --start, in the forms --start accepts")
  @Description(
      "With --live: stop once every event arriving before this instant has been published, then"
          + " exit 0. Without it the run goes on until stopped (SIGINT or SIGTERM stop it cleanly).")
  String getUntil();

  void setUntil(String value);

  @CliFlag(value = "livePartitions", accepts = "an integer from 1 to 4096", tuning = true)
  @Description(
      "With --live: how many players share the orders (each plays its orders in time order; give"
          + " at least the job's parallelism).")
  @Default.Long(4)
  Long getLivePartitions();

  void setLivePartitions(Long value);

  @CliFlag(value = "ordersPerBlock", accepts = "an integer from 1 to 1000000", tuning = true)
  @Description("Orders per generated element.")
  @Default.Long(1000)
  Long getOrdersPerBlock();

  void setOrdersPerBlock(Long value);

  @CliFlag(value = "maxGroupEvents", accepts = "an integer from 1000 to 2000000", tuning = true)
  @Description("About how many events one worker sorts in memory at once (bounds its memory).")
  @Default.Long(262_144)
  Long getMaxGroupEvents();

  void setMaxGroupEvents(Long value);
}
