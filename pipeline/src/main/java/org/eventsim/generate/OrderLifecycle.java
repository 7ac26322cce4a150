package org.eventsim.generate;

import static org.eventsim.model.Timestamps.MICROS_PER_DAY;
import static org.eventsim.model.Timestamps.MICROS_PER_MINUTE;
import static org.eventsim.model.Timestamps.MICROS_PER_SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eventsim.json.Checksums;
import org.eventsim.model.Currency;
import org.eventsim.model.Event;
import org.eventsim.model.EventType;
import org.eventsim.model.Money;
import org.eventsim.model.OrderContext;
import org.eventsim.model.Payload;

/**
 * The generator's core: {@code (order index, config) -> that order's events}. A pure function: no
 * clock, no shared state; every draw comes from {@link OrderRandom} streams seeded by (seed, order
 * index, stream).
 *
 * <p>Business time, per order (gap = {@code maxEventGapMinutes}):
 *
 * <ul>
 *   <li>{@code order_created} (schema v2 with probability v2Rate) uniformly in [start, start +
 *       span); in the daily model uniformly within day ⌊index / ordersPerDay⌋ after start;
 *   <li>{@code payment_authorized} 0..gap whole minutes later;
 *   <li>with probability cancelRate {@code order_cancelled} 1..gap minutes after payment;
 *       otherwise, independently, {@code order_shipped} (probability shipRate) 30..3*gap minutes
 *       after payment and {@code order_amount_corrected} (probability correctionRate) 1..gap
 *       minutes after payment, unless the corrected amount rounds to the old one.
 * </ul>
 *
 * <p>Arrival: every event arrives 0..60 s after it happened; with probability lateRate it arrives
 * a further 1..maxLateDays days and 0..120 minutes later. With probability outOfOrderRate an order
 * is made to arrive out of order: one event (not the last in business order) is re-delivered 1..600
 * s after a later event's arrival, unless it already arrives after it. Arrival is never before the
 * event time.
 *
 * <p>Duplicates: with probability duplicateRate, an event is delivered a second time — the same
 * line except for a later ingest_time (1..600 s after the first delivery) — listed right after the
 * first delivery. A duplicate never changes what happened, so it is left out of every
 * "happened" figure (see {@code org.eventsim.expected}).
 */
public final class OrderLifecycle {
  /** The order's attributes, amount and lifecycle decisions. */
  static final int STREAM_ORDER = 0;
  /** Per-event slot streams: id, time offset, payload draws, arrival draws. */
  static final int STREAM_CREATED = 1;
  static final int STREAM_PAYMENT = 2;
  static final int STREAM_CANCEL = 3;
  static final int STREAM_SHIP = 4;
  static final int STREAM_CORRECTION = 5;
  /** Which event is re-delivered out of order, and how late. */
  static final int STREAM_OUT_OF_ORDER = 6;
  /** Which events are delivered twice, and how much later. */
  static final int STREAM_DUPLICATE = 7;

  public static final int SESSION_COUNT = 199_999;
  public static final double AMOUNT_LOG_MEAN = 4.4;
  public static final double AMOUNT_LOG_SD = 0.6;
  public static final double MIN_AMOUNT = 5;
  public static final double MAX_AMOUNT = 500;
  public static final double MIN_CORRECTED = 1;
  public static final double MAX_CORRECTED = 9999;
  public static final double MAX_CORRECTION_FACTOR = 0.15;
  public static final double PROMO_NULL_RATE = 0.60;
  public static final long MAX_ARRIVAL_JITTER_MICROS = 60 * MICROS_PER_SECOND;
  public static final int MAX_LATE_EXTRA_MINUTES = 120;
  public static final long MIN_REDELIVERY_MICROS = MICROS_PER_SECOND;
  public static final long MAX_REDELIVERY_MICROS = 600 * MICROS_PER_SECOND;
  public static final String CORRECTION_REASON = "post_auth_adjustment";

  /**
   * An upper bound of how long after its order is created an event can arrive: the lifecycle (4
   * gaps), the arrival jitter, lateness, an out-of-order re-delivery and a duplicate.
   */
  public static long maxArrivalAfterCreationMicros(int maxEventGapMinutes, int maxLateDays) {
    return 4L * maxEventGapMinutes * MICROS_PER_MINUTE
        + MAX_ARRIVAL_JITTER_MICROS
        + maxLateDays * MICROS_PER_DAY
        + MAX_LATE_EXTRA_MINUTES * MICROS_PER_MINUTE
        + 2 * MAX_REDELIVERY_MICROS;
  }

  public static final Weighted<String> SOURCE_SYSTEM =
      Weighted.of("web", 0.55, "ios", 0.22, "android", 0.18, "partner_api", 0.05);
  public static final Weighted<String> ENVIRONMENT = Weighted.of("prod", 0.92, "staging", 0.08);
  public static final Weighted<Currency> CURRENCY =
      Weighted.of(Currency.USD, 0.85, Currency.EUR, 0.08, Currency.GBP, 0.04, Currency.CAD, 0.03);
  public static final Weighted<String> DEVICE_TYPE =
      Weighted.of("desktop", 0.45, "mobile", 0.45, "tablet", 0.10);
  public static final Weighted<String> PAYMENT_METHOD =
      Weighted.of("card", 0.75, "paypal", 0.15, "apple_pay", 0.08, "bank_transfer", 0.02);
  public static final Weighted<String> CANCEL_REASON =
      Weighted.of("payment_failed", 0.5, "customer_request", 0.35, "out_of_stock", 0.15);
  public static final Weighted<String> CARRIER =
      Weighted.of("UPS", 0.45, "FedEx", 0.35, "USPS", 0.15, "DHL", 0.05);

  private OrderLifecycle() {}

  /**
   * The events of order {@code orderIndex}, in business order, each duplicate right after the event
   * it repeats.
   */
  public static List<Event> events(long orderIndex, GeneratorConfig config) {
    OrderRandom r = OrderRandom.of(config.seed(), orderIndex, STREAM_ORDER);
    long gap = config.maxEventGapMinutes();

    Head head = Head.draw(orderIndex, config, r);
    OrderContext order =
        new OrderContext(
            orderIndex,
            orderId(orderIndex),
            "T-" + pad(head.tenant, 3),
            "U-" + pad(head.user, 5),
            "S-" + pad(head.session, 6),
            head.sourceSystem,
            head.environment);
    boolean v2 = head.v2;
    long createdAt = head.createdAtMicros;
    double logAmount = AMOUNT_LOG_MEAN + AMOUNT_LOG_SD * r.nextGaussian();
    Money amount = Money.round(clamp(StrictMath.exp(logAmount), MIN_AMOUNT, MAX_AMOUNT));
    String currency = CURRENCY.pick(r).name();
    boolean noPromo = r.chance(PROMO_NULL_RATE);
    long promoNumber = r.between(10, 98);
    String deviceType = DEVICE_TYPE.pick(r);
    boolean cancelled = r.chance(config.cancelRate());
    boolean shipped = r.chance(config.shipRate());
    boolean corrected = r.chance(config.correctionRate());
    boolean outOfOrder = r.chance(config.outOfOrderRate());

    List<Event> events = new ArrayList<>(5);

    OrderRandom s = OrderRandom.of(config.seed(), orderIndex, STREAM_CREATED);
    UUID createdId = uuid4(s);
    Payload.Builder created =
        Payload.builder()
            .put("order_id", order.orderId())
            .put("user_id", order.userId())
            .put("amount", amount)
            .put("currency", currency);
    if (v2) {
      created.put("promo_code", noPromo ? null : "PROMO" + promoNumber);
      created.put("device_type", deviceType);
    }
    events.add(
        event(createdId, EventType.ORDER_CREATED, v2 ? 2 : 1, createdAt, order, created.build(), s,
            config));

    s = OrderRandom.of(config.seed(), orderIndex, STREAM_PAYMENT);
    UUID paymentId = uuid4(s);
    long paidAt = createdAt + s.between(0, gap) * MICROS_PER_MINUTE;
    Payload payment =
        Payload.builder()
            .put("order_id", order.orderId())
            .put("payment_method", PAYMENT_METHOD.pick(s))
            .put("auth_code", hex8(s.nextLong()))
            .build();
    events.add(event(paymentId, EventType.PAYMENT_AUTHORIZED, 1, paidAt, order, payment, s, config));

    if (cancelled) {
      s = OrderRandom.of(config.seed(), orderIndex, STREAM_CANCEL);
      UUID id = uuid4(s);
      long at = paidAt + s.between(1, gap) * MICROS_PER_MINUTE;
      Payload p =
          Payload.builder()
              .put("order_id", order.orderId())
              .put("reason", CANCEL_REASON.pick(s))
              .build();
      events.add(event(id, EventType.ORDER_CANCELLED, 1, at, order, p, s, config));
    } else {
      if (corrected) {
        s = OrderRandom.of(config.seed(), orderIndex, STREAM_CORRECTION);
        UUID id = uuid4(s);
        long at = paidAt + s.between(1, gap) * MICROS_PER_MINUTE;
        double factor = 1 + s.uniform(-MAX_CORRECTION_FACTOR, MAX_CORRECTION_FACTOR);
        Money newAmount =
            Money.round(clamp(amount.toDouble() * factor, MIN_CORRECTED, MAX_CORRECTED));
        Payload p =
            Payload.builder()
                .put("order_id", order.orderId())
                .put("old_amount", amount)
                .put("new_amount", newAmount)
                .put("currency", currency)
                .put("reason", CORRECTION_REASON)
                .build();
        Event e = event(id, EventType.ORDER_AMOUNT_CORRECTED, 1, at, order, p, s, config);
        if (!newAmount.equals(amount)) {
          events.add(e);
        }
      }
      if (shipped) {
        s = OrderRandom.of(config.seed(), orderIndex, STREAM_SHIP);
        UUID id = uuid4(s);
        long at = paidAt + s.between(30, 3 * gap) * MICROS_PER_MINUTE;
        Payload p =
            Payload.builder()
                .put("order_id", order.orderId())
                .put("carrier", CARRIER.pick(s))
                .put("tracking_id", "TRK" + pad(s.nextLong(100_000_000L), 8))
                .build();
        events.add(event(id, EventType.ORDER_SHIPPED, 1, at, order, p, s, config));
      }
    }

    events.sort(Event.BUSINESS_ORDER);
    redeliverOutOfOrder(events, outOfOrder, OrderRandom.of(config.seed(), orderIndex, STREAM_OUT_OF_ORDER));
    if (config.duplicateRate() > 0) {
      return withDuplicates(events, config.duplicateRate(), OrderRandom.of(config.seed(), orderIndex, STREAM_DUPLICATE));
    }
    return events;
  }

  /**
   * When order {@code orderIndex} is created (its order_created event's time): the order's first
   * draws, as {@link #events} makes them, without building its events.
   */
  public static long createdAtMicros(long orderIndex, GeneratorConfig config) {
    return Head.draw(orderIndex, config, OrderRandom.of(config.seed(), orderIndex, STREAM_ORDER)).createdAtMicros;
  }

  /** The first draws of an order's stream, in their order: who, where, which schema, when. */
  private record Head(
      long tenant, long user, long session, String sourceSystem, String environment, boolean v2,
      long createdAtMicros) {
    static Head draw(long orderIndex, GeneratorConfig config, OrderRandom r) {
      long tenant = 1 + r.nextLong(config.tenantCount());
      long user = 1 + r.nextLong(config.userCount());
      long session = 1 + r.nextLong(SESSION_COUNT);
      String source = SOURCE_SYSTEM.pick(r);
      String environment = ENVIRONMENT.pick(r);
      boolean v2 = r.chance(config.v2Rate());
      long createdAt =
          config.ordersPerDay() > 0
              ? config.startMicros()
                  + orderIndex / config.ordersPerDay() * MICROS_PER_DAY
                  + r.nextLong(MICROS_PER_DAY)
              : config.startMicros() + r.nextLong(config.spanMicros());
      return new Head(tenant, user, session, source, environment, v2, createdAt);
    }
  }

  /** Each event, followed by its second delivery when the draw says so; two draws per event. */
  private static List<Event> withDuplicates(List<Event> byBusiness, double rate, OrderRandom s) {
    List<Event> out = new ArrayList<>(byBusiness.size() + 2);
    for (Event e : byBusiness) {
      boolean duplicated = s.chance(rate);
      long delay = s.between(MIN_REDELIVERY_MICROS, MAX_REDELIVERY_MICROS);
      out.add(e);
      if (duplicated) {
        out.add(e.withIngestTimeMicros(e.ingestTimeMicros() + delay));
      }
    }
    return out;
  }

  /** {@code O-0000001} for index 0; seven digits, wider past 9,999,999. */
  public static String orderId(long orderIndex) {
    return "O-" + pad(orderIndex + 1, 7);
  }

  /**
   * Builds one event; its arrival draws come last from its slot stream {@code s}: jitter 0..60 s,
   * then late?, late days, late minutes (always drawn, so that the stream does not depend on the
   * rates).
   */
  private static Event event(
      UUID id, EventType type, int schemaVersion, long at, OrderContext order, Payload payload,
      OrderRandom s, GeneratorConfig config) {
    long ingest = at + s.nextLong(MAX_ARRIVAL_JITTER_MICROS + 1);
    boolean late = s.chance(config.lateRate());
    long lateDays = s.between(1, Math.max(1, config.maxLateDays()));
    long lateMinutes = s.between(0, MAX_LATE_EXTRA_MINUTES);
    if (late) {
      ingest += lateDays * MICROS_PER_DAY + lateMinutes * MICROS_PER_MINUTE;
    }
    return new Event(id, type, schemaVersion, at, ingest, order, payload, Checksums.of(payload));
  }

  /**
   * For an order chosen to arrive out of order: picks an event i (not the last in business order)
   * and a later event j, and, unless i already arrives after j, re-delivers i 1..600 s after j.
   * Since j happened no earlier than i and arrives no earlier than it happened, i still arrives
   * after it happened.
   */
  private static void redeliverOutOfOrder(List<Event> byBusiness, boolean chosen, OrderRandom s) {
    int n = byBusiness.size();
    int i = (int) s.between(0, n - 2);
    int j = (int) s.between(i + 1, n - 1);
    long delay = s.between(MIN_REDELIVERY_MICROS, MAX_REDELIVERY_MICROS);
    if (!chosen) {
      return;
    }
    Event early = byBusiness.get(i);
    Event later = byBusiness.get(j);
    if (Event.ARRIVAL_ORDER.compare(early, later) < 0) {
      byBusiness.set(i, early.withIngestTimeMicros(later.ingestTimeMicros() + delay));
    }
  }

  private static UUID uuid4(OrderRandom s) {
    long msb = (s.nextLong() & ~0xf000L) | 0x4000L;
    long lsb = (s.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private static String hex8(long bits) {
    String hex = Long.toHexString(bits & 0xffffffffL).toUpperCase(java.util.Locale.ROOT);
    return "00000000".substring(hex.length()) + hex;
  }

  private static String pad(long value, int width) {
    String digits = Long.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
