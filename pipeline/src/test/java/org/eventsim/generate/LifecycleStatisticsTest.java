package org.eventsim.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eventsim.model.Event;
import org.eventsim.model.EventType;
import org.eventsim.model.Money;
import org.eventsim.model.Timestamps;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every configured rate and distribution is observed within tolerance over 50,000 orders, both at
 * the defaults and at deliberately different rates. Tolerances are 4.5 binomial standard errors:
 * a correct generator passes (and, being deterministic, always passes), a wrong rate fails.
 */
public class LifecycleStatisticsTest {
  private static final int ORDERS = 50_000;
  private static final GeneratorConfig DEFAULTS = GeneratorConfig.builder().numOrders(ORDERS).build();
  private static final GeneratorConfig ODD =
      DEFAULTS.toBuilder()
          .seed(-7)
          .v2Rate(0.7)
          .cancelRate(0.3)
          .shipRate(0.5)
          .correctionRate(0.4)
          .lateRate(0.2)
          .outOfOrderRate(0.5)
          .maxLateDays(5)
          .maxEventGapMinutes(30)
          .tenantCount(3)
          .userCount(7)
          .build();

  private static List<List<Event>> defaults;
  private static List<List<Event>> odd;

  @BeforeClass
  public static void generate() {
    defaults = orders(DEFAULTS);
    odd = orders(ODD);
  }

  private static List<List<Event>> orders(GeneratorConfig c) {
    List<List<Event>> orders = new ArrayList<>(ORDERS);
    for (long i = 0; i < c.numOrders(); i++) {
      orders.add(OrderLifecycle.events(i, c));
    }
    return orders;
  }

  @Test
  public void lifecycleRates() {
    for (GeneratorConfig c : new GeneratorConfig[] {DEFAULTS, ODD}) {
      List<List<Event>> orders = c == DEFAULTS ? defaults : odd;
      assertRate("v2", orders, c.v2Rate(), o -> o.get(0).schemaVersion() == 2);
      assertRate("cancelled", orders, c.cancelRate(), o -> has(o, EventType.ORDER_CANCELLED));
      List<List<Event>> kept = orders.stream().filter(o -> !has(o, EventType.ORDER_CANCELLED)).toList();
      assertRate("shipped", kept, c.shipRate(), o -> has(o, EventType.ORDER_SHIPPED));
      // A correction that rounds to the old amount is dropped: rare enough to stay in tolerance.
      assertRate("corrected", kept, c.correctionRate(), o -> has(o, EventType.ORDER_AMOUNT_CORRECTED));
    }
  }

  @Test
  public void lateRateIsObservedAsADateChange() {
    for (GeneratorConfig c : new GeneratorConfig[] {DEFAULTS, ODD}) {
      // Without re-delivery, only a 60 s jitter across midnight adds to the configured rate.
      List<Event> events = orders(c.toBuilder().outOfOrderRate(0).build()).stream().flatMap(List::stream).toList();
      long late = events.stream().filter(LifecycleStatisticsTest::isLate).count();
      assertThat("late", (double) late / events.size(), closeTo(c.lateRate(), tolerance(c.lateRate(), events.size())));
    }
  }

  @Test
  public void outOfOrderRateAddsToNaturalDisorder() {
    for (GeneratorConfig c : new GeneratorConfig[] {DEFAULTS, ODD}) {
      // Lateness alone puts some orders out of order (q); the knob re-delivers a further r of them.
      double q = outOfOrderShare(orders(c.toBuilder().outOfOrderRate(0).build()));
      double r = c.outOfOrderRate();
      double observed = outOfOrderShare(c == DEFAULTS ? defaults : odd);
      double expected = r + (1 - r) * q;
      assertThat("out of order", observed, closeTo(expected, tolerance(expected, ORDERS)));
    }
  }

  @Test
  public void categoricalDistributions() {
    for (List<List<Event>> orders : List.of(defaults, odd)) {
      List<Event> created = orders.stream().map(o -> o.get(0)).toList();
      assertShares(created, OrderLifecycle.SOURCE_SYSTEM, e -> e.order().sourceSystem());
      assertShares(created, OrderLifecycle.ENVIRONMENT, e -> e.order().environment());
      assertShares(created, OrderLifecycle.CURRENCY, e -> (String) e.payload().get("currency"));
      List<Event> v2 = created.stream().filter(e -> e.schemaVersion() == 2).toList();
      assertShares(v2, OrderLifecycle.DEVICE_TYPE, e -> (String) e.payload().get("device_type"));
      long noPromo = v2.stream().filter(e -> e.payload().get("promo_code") == null).count();
      assertThat("promo null", (double) noPromo / v2.size(), closeTo(0.6, tolerance(0.6, v2.size())));
      List<Event> payments = ofType(orders, EventType.PAYMENT_AUTHORIZED);
      assertShares(payments, OrderLifecycle.PAYMENT_METHOD, e -> (String) e.payload().get("payment_method"));
      assertShares(ofType(orders, EventType.ORDER_CANCELLED), OrderLifecycle.CANCEL_REASON, e -> (String) e.payload().get("reason"));
      assertShares(ofType(orders, EventType.ORDER_SHIPPED), OrderLifecycle.CARRIER, e -> (String) e.payload().get("carrier"));
    }
  }

  @Test
  public void tenantsAndUsersAreUniform() {
    Map<String, Integer> tenants = new HashMap<>();
    odd.forEach(o -> tenants.merge(o.get(0).order().tenantId(), 1, Integer::sum));
    for (String t : new String[] {"T-001", "T-002", "T-003"}) {
      assertThat(t, tenants.get(t) / (double) ORDERS, closeTo(1 / 3.0, tolerance(1 / 3.0, ORDERS)));
    }
    Map<String, Integer> users = new HashMap<>();
    odd.forEach(o -> users.merge(o.get(0).order().userId(), 1, Integer::sum));
    assertThat(users.keySet(), org.hamcrest.Matchers.containsInAnyOrder(
        "U-00001", "U-00002", "U-00003", "U-00004", "U-00005", "U-00006", "U-00007"));
  }

  @Test
  public void amountsAreLogNormalClampedAndCreationIsUniform() {
    double sumLog = 0;
    double sumSq = 0;
    int clampedLow = 0;
    double sumOffset = 0;
    double sumPaymentMinutes = 0;
    for (List<Event> o : defaults) {
      double amount = ((Money) o.get(0).payload().get("amount")).toDouble();
      double log = Math.log(amount);
      sumLog += log;
      sumSq += log * log;
      clampedLow += amount == 5.0 ? 1 : 0;
      sumOffset += (o.get(0).eventTimeMicros() - DEFAULTS.startMicros()) / (double) DEFAULTS.spanMicros();
      sumPaymentMinutes += (o.get(1).eventTimeMicros() - o.get(0).eventTimeMicros()) / 60e6;
    }
    double mean = sumLog / ORDERS;
    assertThat("mean of ln(amount)", mean, closeTo(4.4, 0.02));
    assertThat("sd of ln(amount)", Math.sqrt(sumSq / ORDERS - mean * mean), closeTo(0.6, 0.02));
    assertThat("almost nothing clamped at 5", clampedLow / (double) ORDERS, closeTo(0, 0.001));
    assertThat("creation uniform over the span", sumOffset / ORDERS, closeTo(0.5, 0.01));
    assertThat("payment 0..gap minutes after creation", sumPaymentMinutes / ORDERS, closeTo(60, 1));
  }

  private static boolean has(List<Event> order, EventType type) {
    return order.stream().anyMatch(e -> e.type() == type);
  }

  private static boolean isLate(Event e) {
    return Timestamps.epochDay(e.ingestTimeMicros()) > Timestamps.epochDay(e.eventTimeMicros());
  }

  private static double outOfOrderShare(List<List<Event>> orders) {
    long n = 0;
    for (List<Event> byBusiness : orders) {
      List<Event> byArrival = new ArrayList<>(byBusiness);
      byArrival.sort(Event.ARRIVAL_ORDER);
      n += byArrival.equals(byBusiness) ? 0 : 1;
    }
    return (double) n / orders.size();
  }

  private static List<Event> ofType(List<List<Event>> orders, EventType type) {
    return orders.stream().flatMap(List::stream).filter(e -> e.type() == type).toList();
  }

  private static void assertRate(
      String what, List<List<Event>> orders, double rate, java.util.function.Predicate<List<Event>> hit) {
    long hits = orders.stream().filter(hit).count();
    assertThat(what, (double) hits / orders.size(), closeTo(rate, tolerance(rate, orders.size())));
  }

  private static void assertShares(List<Event> events, Weighted<String> dist, Function<Event, String> value) {
    Map<String, Integer> counts = new HashMap<>();
    events.forEach(e -> counts.merge(value.apply(e), 1, Integer::sum));
    for (int i = 0; i < dist.values().size(); i++) {
      String v = dist.values().get(i);
      double p = dist.probability(i);
      assertThat(v, counts.getOrDefault(v, 0) / (double) events.size(), closeTo(p, tolerance(p, events.size())));
    }
  }

  /** 4.5 standard errors of a proportion p over n trials (at least 0.002). */
  private static double tolerance(double p, int n) {
    return Math.max(0.002, 4.5 * Math.sqrt(p * (1 - p) / n));
  }
}
