package org.eventsim.options;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.eventsim.generate.DailyIncrement;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.Timestamps;

/**
 * The model's flags ({@code --n-orders} … {@code --ingest-dates}): checked one by one and in
 * combination, then turned into the generator's config. Every error names its flag and what it
 * accepts.
 */
final class ModelFlags {
  /** The most orders a run may index: 10^15. */
  static final long MAX_ORDERS = 1_000_000_000_000_000L;
  /** The most orders a day of the daily model: 10^12. */
  static final long MAX_ORDERS_PER_DAY = 1_000_000_000_000L;
  /** Timestamps are written with four-digit years: no event may arrive on or after this day. */
  private static final long FIRST_DAY_PAST_RANGE = LocalDate.of(10_000, 1, 1).toEpochDay();

  private ModelFlags() {}

  /**
   * The generator's config for {@code options}.
   *
   * @param given the tool flags present on the command line, to reject combinations
   * @param clock gives "today" when {@code --start} is absent
   */
  static GeneratorConfig generatorConfig(EventSimOptions options, Set<String> given, Clock clock)
      throws UsageException {
    long numOrders = Flags.within("n-orders", options.getNumOrders(), 0, MAX_ORDERS);
    long firstOrder = Flags.within("first-order", options.getFirstOrder(), 0, MAX_ORDERS);
    if (firstOrder + numOrders > MAX_ORDERS) {
      throw Flags.get("first-order").invalid(firstOrder);
    }
    int spanDays = (int) Flags.within("span-days", options.getSpanDays(), 1, 36_500);
    double lateRate = Flags.rate("late-rate", options.getLateRate());
    int maxLateDays = options.getMaxLateDays();
    if (maxLateDays < 0 || maxLateDays > 36_500 || (maxLateDays == 0 && lateRate > 0)) {
      throw Flags.get("max-late-days").invalid(maxLateDays);
    }
    int gap = (int) Flags.within("max-event-gap-minutes", options.getMaxEventGapMinutes(), 10, Integer.MAX_VALUE);
    long ordersPerDay = Flags.within("orders-per-day", options.getOrdersPerDay(), 0, MAX_ORDERS_PER_DAY);
    long start = start(options.getStart(), spanDays, clock);
    int[] ingestDays = ingestDays(options);
    checkDailyModel(options, given, ordersPerDay, ingestDays);
    if (ingestDays != null) {
      long[] range =
          DailyIncrement.ordersArriving(start, ordersPerDay, ingestDays[0], ingestDays[1], maxLateDays, gap);
      firstOrder = range[0];
      numOrders = range[1] - range[0];
    }
    GeneratorConfig config =
        new GeneratorConfig(
            options.getSeed(),
            start,
            spanDays,
            firstOrder,
            numOrders,
            (int) Flags.within("tenant-count", options.getTenantCount(), 1, Integer.MAX_VALUE),
            (int) Flags.within("user-count", options.getUserCount(), 1, Integer.MAX_VALUE),
            Flags.rate("v2-rate", options.getV2Rate()),
            Flags.rate("cancel-rate", options.getCancelRate()),
            Flags.rate("ship-rate", options.getShipRate()),
            Flags.rate("correction-rate", options.getCorrectionRate()),
            lateRate,
            Flags.rate("out-of-order-rate", options.getOutOfOrderRate()),
            maxLateDays,
            gap,
            Flags.rate("duplicate-rate", options.getDuplicateRate()),
            ordersPerDay,
            ingestDays == null ? GeneratorConfig.ALL_DAYS : ingestDays[0],
            ingestDays == null ? GeneratorConfig.ALL_DAYS : ingestDays[1]);
    if (config.lastArrivalDay() >= FIRST_DAY_PAST_RANGE) {
      throw new UsageException(
          "--start " + Timestamps.format(start) + " with "
              + (ordersPerDay > 0
                  ? "--orders-per-day " + ordersPerDay + " and orders up to " + config.endOrder()
                  : "--span-days " + spanDays)
              + " lets events arrive past the year 9999 (timestamps have four-digit years):"
              + " choose an earlier --start or fewer days");
    }
    return config;
  }

  /** The combinations of the daily model's flags that make no sense. */
  private static void checkDailyModel(
      EventSimOptions options, Set<String> given, long ordersPerDay, int[] ingestDays)
      throws UsageException {
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
    if (ingestDays == null) {
      return;
    }
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
      if (day < 0 || day >= FIRST_DAY_PAST_RANGE) {
        throw Flags.get(flag).invalid(whole);
      }
      return (int) day;
    } catch (DateTimeException e) {
      throw Flags.get(flag).invalid(whole);
    }
  }

  /**
   * {@code --start}: an instant ({@code 2026-01-01T00:00:00Z}, or with an offset), a UTC local
   * date-time, or a date (UTC midnight). Absent: UTC midnight of today minus span days, which
   * must not be before 1970.
   */
  static long start(String text, int spanDays, Clock clock) throws UsageException {
    Instant start;
    if (text == null) {
      LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
      start = today.minusDays(spanDays).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (start.getEpochSecond() < 0) {
        throw new UsageException(
            "--span-days " + spanDays + " without --start would start before 1970 (today minus "
                + spanDays + " days): give --start, or at most " + today.toEpochDay() + " days");
      }
    } else {
      return instant("start", text);
    }
    return start.getEpochSecond() * Timestamps.MICROS_PER_SECOND + start.getNano() / 1000;
  }

  /**
   * An instant in the forms {@code --start} accepts, in epoch microseconds, checked to lie in
   * 1970..9999; else the usage error of {@code flag}.
   */
  static long instant(String flag, String text) throws UsageException {
    Instant at = parseStart(text.trim());
    if (at == null
        || at.getNano() % 1000 != 0
        || at.getEpochSecond() < 0
        || !at.isBefore(LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      throw Flags.get(flag).invalid(text);
    }
    return at.getEpochSecond() * Timestamps.MICROS_PER_SECOND + at.getNano() / 1000;
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
