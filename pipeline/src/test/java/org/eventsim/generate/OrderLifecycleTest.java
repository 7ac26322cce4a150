package org.eventsim.generate;

import static org.eventsim.model.Timestamps.MICROS_PER_DAY;
import static org.eventsim.model.Timestamps.MICROS_PER_MINUTE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventsim.json.Checksums;
import org.eventsim.model.Event;
import org.eventsim.model.EventType;
import org.eventsim.model.Money;
import org.junit.Test;

/** The lifecycle rules, checked on every event of many orders. */
public class OrderLifecycleTest {
  private static final GeneratorConfig DEFAULTS = GeneratorConfig.builder().numOrders(20_000).build();

  @Test
  public void isAPureFunctionOfSeedAndIndex() {
    for (long i = 0; i < 200; i++) {
      assertThat(OrderLifecycle.events(i, DEFAULTS), equalTo(OrderLifecycle.events(i, DEFAULTS)));
    }
    GeneratorConfig otherSeed = DEFAULTS.toBuilder().seed(43).build();
    assertThat(OrderLifecycle.events(5, otherSeed), not(equalTo(OrderLifecycle.events(5, DEFAULTS))));
  }

  @Test
  public void anOrdersEventsDoNotDependOnTheRunsSizeOrRange() {
    GeneratorConfig small = DEFAULTS.toBuilder().numOrders(10).build();
    GeneratorConfig slice = DEFAULTS.toBuilder().firstOrder(5).numOrders(3).build();
    assertThat(OrderLifecycle.events(6, small), equalTo(OrderLifecycle.events(6, DEFAULTS)));
    assertThat(OrderLifecycle.events(6, slice), equalTo(OrderLifecycle.events(6, DEFAULTS)));
  }

  /** Every rule on every event of 5,000 orders of each of several seeds. */
  @Test
  public void everyOrderFollowsTheLifecycleRules() {
    for (long seed : new long[] {1, 2, 4, 6, 42}) {
      everyOrderFollowsTheLifecycleRules(DEFAULTS.toBuilder().seed(seed).numOrders(5_000).build());
    }
  }

  private static void everyOrderFollowsTheLifecycleRules(GeneratorConfig config) {
    long gap = config.maxEventGapMinutes();
    Set<String> ids = new HashSet<>();
    for (long i = 0; i < config.numOrders(); i++) {
      List<Event> events = OrderLifecycle.events(i, config);
      Map<EventType, Event> byType = new EnumMap<>(EventType.class);
      for (Event e : events) {
        assertThat("one event per type", byType.put(e.type(), e), equalTo(null));
        assertThat(ids.add(e.eventId().toString()), equalTo(true));
        assertThat(e.eventId().version(), equalTo(4));
        assertThat(e.eventId().variant(), equalTo(2));
        assertThat(e.checksum(), equalTo(Checksums.of(e.payload())));
        assertThat(e.payload().get("order_id"), equalTo(OrderLifecycle.orderId(i)));
        assertThat(e.order().orderIndex(), equalTo(i));
        assertThat(e.schemaVersion(), equalTo(e.type() == EventType.ORDER_CREATED ? e.schemaVersion() : 1));
      }
      assertThat(events, equalTo(sortedByBusiness(events)));
      Event created = byType.get(EventType.ORDER_CREATED);
      Event paid = byType.get(EventType.PAYMENT_AUTHORIZED);
      assertThat(created != null && paid != null, equalTo(true));
      assertThat(created.eventTimeMicros(), both(greaterThanOrEqualTo(config.startMicros()))
          .and(lessThan(config.startMicros() + config.spanMicros())));
      assertThat(created.payload().has("promo_code"), equalTo(created.schemaVersion() == 2));
      assertThat(created.payload().has("device_type"), equalTo(created.schemaVersion() == 2));
      assertThat(created.payload().get("user_id"), equalTo(created.order().userId()));
      Money amount = (Money) created.payload().get("amount");
      assertThat(amount.cents(), both(greaterThanOrEqualTo(500L)).and(lessThanOrEqualTo(50_000L)));

      long paymentMinutes = minutesBetween(created, paid);
      assertThat(paymentMinutes, both(greaterThanOrEqualTo(0L)).and(lessThanOrEqualTo(gap)));
      assertThat(
          (String) paid.payload().get("auth_code"), matchesPattern("[0-9A-F]{8}"));

      Event cancelled = byType.get(EventType.ORDER_CANCELLED);
      Event shipped = byType.get(EventType.ORDER_SHIPPED);
      Event corrected = byType.get(EventType.ORDER_AMOUNT_CORRECTED);
      if (cancelled != null) {
        assertThat("a cancelled order is neither shipped nor corrected", shipped == null && corrected == null, equalTo(true));
        assertThat(minutesBetween(paid, cancelled), both(greaterThanOrEqualTo(1L)).and(lessThanOrEqualTo(gap)));
      }
      if (shipped != null) {
        assertThat(minutesBetween(paid, shipped), both(greaterThanOrEqualTo(30L)).and(lessThanOrEqualTo(3 * gap)));
        assertThat((String) shipped.payload().get("tracking_id"), matchesPattern("TRK[0-9]{8}"));
      }
      if (corrected != null) {
        assertThat(minutesBetween(paid, corrected), both(greaterThanOrEqualTo(1L)).and(lessThanOrEqualTo(gap)));
        Money oldAmount = (Money) corrected.payload().get("old_amount");
        Money newAmount = (Money) corrected.payload().get("new_amount");
        assertThat(oldAmount, equalTo(amount));
        assertThat(newAmount, not(equalTo(oldAmount)));
        double ratio = newAmount.toDouble() / oldAmount.toDouble();
        assertThat(ratio, both(greaterThanOrEqualTo(0.85 - 0.0011)).and(lessThanOrEqualTo(1.15 + 0.0011)));
        assertThat(corrected.payload().get("currency"), equalTo(created.payload().get("currency")));
        assertThat(corrected.payload().get("reason"), equalTo("post_auth_adjustment"));
      }
      for (Event e : events) {
        assertThat("order-level values are shared", e.order(), equalTo(created.order()));
        long delay = e.ingestTimeMicros() - e.eventTimeMicros();
        assertThat("arrives no earlier than it happens", delay, greaterThanOrEqualTo(0L));
        // a re-delivered event (happening as early as creation) follows a later one, which can
        // happen up to 4 gaps after creation (payment 0..gap, shipping 30..3 gap after payment)
        // and arrive a minute, a late delay and 600 s after that
        long maxDelay =
            60_000_000L + config.maxLateDays() * MICROS_PER_DAY + 120 * MICROS_PER_MINUTE
                + 600_000_000L + 4 * gap * MICROS_PER_MINUTE;
        assertThat(delay, lessThanOrEqualTo(maxDelay));
      }
    }
  }

  @Test
  public void idsAndFormats() {
    Event e = OrderLifecycle.events(0, DEFAULTS).get(0);
    assertThat(e.order().orderId(), equalTo("O-0000001"));
    assertThat(e.order().tenantId(), matchesPattern("T-0[0-2][0-9]"));
    assertThat(e.order().userId(), matchesPattern("U-[0-9]{5}"));
    assertThat(e.order().sessionId(), matchesPattern("S-[0-9]{6}"));
    assertThat(OrderLifecycle.orderId(9_999_998), equalTo("O-9999999"));
    assertThat(OrderLifecycle.orderId(9_999_999), equalTo("O-10000000"));
  }

  @Test
  public void withoutLatenessOrRedeliveryArrivalIsWithinAMinute() {
    GeneratorConfig punctual = DEFAULTS.toBuilder().lateRate(0).maxLateDays(0).outOfOrderRate(0).build();
    for (long i = 0; i < 5000; i++) {
      for (Event e : OrderLifecycle.events(i, punctual)) {
        assertThat(e.ingestTimeMicros() - e.eventTimeMicros(), lessThanOrEqualTo(60_000_000L));
      }
    }
  }

  @Test
  public void everyChosenOrderArrivesOutOfOrder() {
    GeneratorConfig always = DEFAULTS.toBuilder().outOfOrderRate(1).lateRate(0).build();
    for (long i = 0; i < 5000; i++) {
      List<Event> byBusiness = OrderLifecycle.events(i, always);
      List<Event> byArrival = new ArrayList<>(byBusiness);
      byArrival.sort(Event.ARRIVAL_ORDER);
      assertThat("order " + i, byArrival, not(equalTo(byBusiness)));
      for (Event e : byBusiness) {
        assertThat(e.ingestTimeMicros(), greaterThanOrEqualTo(e.eventTimeMicros()));
      }
    }
  }

  @Test
  public void ratesOfZeroAndOneAreExact() {
    GeneratorConfig none = DEFAULTS.toBuilder().v2Rate(0).cancelRate(0).shipRate(0).correctionRate(0).build();
    GeneratorConfig all = DEFAULTS.toBuilder().v2Rate(1).cancelRate(0).shipRate(1).correctionRate(1).build();
    for (long i = 0; i < 2000; i++) {
      List<Event> few = OrderLifecycle.events(i, none);
      assertThat(few, hasSize(2));
      assertThat(few.get(0).schemaVersion(), equalTo(1));
      List<Event> many = OrderLifecycle.events(i, all);
      assertThat(many.get(0).schemaVersion(), equalTo(2));
      assertThat(many.stream().anyMatch(e -> e.type() == EventType.ORDER_SHIPPED), equalTo(true));
    }
    GeneratorConfig cancelAll = DEFAULTS.toBuilder().cancelRate(1).build();
    for (long i = 0; i < 2000; i++) {
      assertThat(OrderLifecycle.events(i, cancelAll).get(2).type(), equalTo(EventType.ORDER_CANCELLED));
    }
  }

  private static List<Event> sortedByBusiness(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Event.BUSINESS_ORDER);
    return sorted;
  }

  private static long minutesBetween(Event from, Event to) {
    long delta = to.eventTimeMicros() - from.eventTimeMicros();
    assertThat("whole minutes", delta % MICROS_PER_MINUTE, equalTo(0L));
    return delta / MICROS_PER_MINUTE;
  }

  @Test
  public void inTheDailyModelOrderIIsCreatedOnItsDayAndEveryArrivalIsWithinTheIncrementBound() {
    GeneratorConfig c =
        GeneratorConfig.builder()
            .ordersPerDay(1_000)
            .lateRate(1)
            .outOfOrderRate(1)
            .duplicateRate(1)
            .maxLateDays(2)
            .maxEventGapMinutes(30)
            .build();
    long bound = OrderLifecycle.maxArrivalAfterCreationMicros(c.maxEventGapMinutes(), c.maxLateDays());
    long longest = 0;
    for (long i = 0; i < 20_000; i++) {
      List<Event> events = OrderLifecycle.events(i, c);
      long created = events.get(0).eventTimeMicros();
      assertThat(events.get(0).type(), equalTo(EventType.ORDER_CREATED));
      assertThat((created - c.startMicros()) / MICROS_PER_DAY, equalTo(i / 1_000));
      for (Event e : events) {
        longest = Math.max(longest, e.ingestTimeMicros() - created);
      }
    }
    assertThat(longest, lessThanOrEqualTo(bound));
    // and the bound is not slack by more than the re-delivery and extra-late margins
    assertThat(longest, greaterThanOrEqualTo(bound - 40 * MICROS_PER_MINUTE - 2 * MICROS_PER_DAY / 100));
  }

  @Test
  public void createdAtIsTheOrderCreatedEventsTimeInBothModels() {
    GeneratorConfig span = GeneratorConfig.builder().seed(3).numOrders(500).build();
    GeneratorConfig daily = span.toBuilder().ordersPerDay(40).build();
    for (GeneratorConfig c : List.of(span, daily)) {
      for (long i = 0; i < 500; i++) {
        long created =
            OrderLifecycle.events(i, c).stream()
                .filter(e -> e.type() == org.eventsim.model.EventType.ORDER_CREATED)
                .findFirst().orElseThrow().eventTimeMicros();
        assertThat(OrderLifecycle.createdAtMicros(i, c), org.hamcrest.Matchers.equalTo(created));
      }
    }
  }
}
