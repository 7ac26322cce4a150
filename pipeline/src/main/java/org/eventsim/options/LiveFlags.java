package org.eventsim.options;

import java.util.List;
import java.util.Set;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.Timestamps;

/**
 * The flags of live mode ({@code --live}, {@code --speed}, {@code --until}): checked before the
 * model's, so that a live run missing one of its needs is told so by name.
 */
final class LiveFlags {
  /** Flags that choose what a batch run generates or writes, meaningless in live mode. */
  private static final List<String> BATCH_ONLY =
      List.of("n-orders", "first-order", "ingest-date", "ingest-dates", "out", "s3-endpoint", "take-over-lease",
          "format", "compression", "no-files");
  /** Of those, the flags about files, which a live run does not write. */
  private static final List<String> FILES_ONLY =
      List.of("out", "s3-endpoint", "take-over-lease", "format", "compression", "no-files");

  private LiveFlags() {}

  /** Checks the live flags' combinations with the others, before anything else is read. */
  static void check(EventSimOptions options, Set<String> given) throws UsageException {
    if (!options.getLive()) {
      for (String f : List.of("speed", "until", "livePartitions")) {
        if (given.contains(f)) {
          throw new UsageException("--" + f + " applies to --live only");
        }
      }
      return;
    }
    for (String f : BATCH_ONLY) {
      if (given.contains(f)) {
        throw new UsageException(
            "--live cannot be combined with --" + f + ": "
                + (FILES_ONLY.contains(f)
                    ? "a live run publishes to Kafka and writes no files"
                    : "the simulated clock chooses the orders, day after day from --start"));
      }
    }
    if (options.getKafkaBootstrap() == null) {
      throw new UsageException("--live needs --kafka-bootstrap: a live run publishes to Kafka");
    }
    if (options.getOrdersPerDay() == null || options.getOrdersPerDay() <= 0) {
      throw new UsageException(
          "--live needs --orders-per-day: it plays the continuous daily model, so many orders a day");
    }
    if (options.getStart() == null) {
      throw new UsageException("--live needs --start: the instant the simulated clock starts at");
    }
    Double speed = options.getSpeed();
    if (speed == null || !(speed > 0) || speed.isInfinite()) {
      throw Flags.get("speed").invalid(speed);
    }
  }

  /** The plan of a live run of {@code generator}, whose flags {@link #check} has passed. */
  static LivePlan plan(EventSimOptions options, GeneratorConfig generator) throws UsageException {
    long until = LivePlan.FOREVER;
    if (options.getUntil() != null) {
      until = ModelFlags.instant("until", options.getUntil());
      if (until <= generator.startMicros()) {
        throw new UsageException(
            "--until " + options.getUntil() + " is not after --start " + Timestamps.format(generator.startMicros())
                + ": a live run publishes the events arriving from --start until --until");
      }
    }
    int partitions = (int) Flags.within("livePartitions", options.getLivePartitions(), 1, 4096);
    if (generator.ordersPerDay() > (long) partitions << LivePlan.MAX_ORDERS_PER_DAY_AND_PARTITION_BITS) {
      throw new UsageException(
          "--orders-per-day " + generator.ordersPerDay() + " needs --livePartitions of at least "
              + -Math.floorDiv(-generator.ordersPerDay(), 1L << LivePlan.MAX_ORDERS_PER_DAY_AND_PARTITION_BITS)
              + " in live mode: a player schedules at most 2^26 orders a day");
    }
    return new LivePlan(generator, until, options.getSpeed(), partitions);
  }
}
