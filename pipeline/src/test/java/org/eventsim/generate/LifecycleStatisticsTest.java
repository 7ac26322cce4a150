package org.eventsim.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

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

  /** The Python tool's tables, written out here rather than read from the generator. */
  @Test
  public void categoricalDistributions() {
    for (List<List<Event>> orders : List.of(defaults, odd)) {
      List<Event> created = orders.stream().map(o -> o.get(0)).toList();
      assertShares(created, Map.of("web", 0.55, "ios", 0.22, "android", 0.18, "partner_api", 0.05),
          e -> e.order().sourceSystem());
      assertShares(created, Map.of("prod", 0.92, "staging", 0.08), e -> e.order().environment());
      assertShares(created, Map.of("USD", 0.85, "EUR", 0.08, "GBP", 0.04, "CAD", 0.03),
          e -> (String) e.payload().get("currency"));
      List<Event> v2 = created.stream().filter(e -> e.schemaVersion() == 2).toList();
      assertShares(v2, Map.of("desktop", 0.45, "mobile", 0.45, "tablet", 0.10),
          e -> (String) e.payload().get("device_type"));
      long noPromo = v2.stream().filter(e -> e.payload().get("promo_code") == null).count();
      assertThat("promo null", (double) noPromo / v2.size(), closeTo(0.6, tolerance(0.6, v2.size())));
      assertShares(ofType(orders, EventType.PAYMENT_AUTHORIZED),
          Map.of("card", 0.75, "paypal", 0.15, "apple_pay", 0.08, "bank_transfer", 0.02),
          e -> (String) e.payload().get("payment_method"));
      assertShares(ofType(orders, EventType.ORDER_CANCELLED),
          Map.of("payment_failed", 0.5, "customer_request", 0.35, "out_of_stock", 0.15),
          e -> (String) e.payload().get("reason"));
      assertShares(ofType(orders, EventType.ORDER_SHIPPED),
          Map.of("UPS", 0.45, "FedEx", 0.35, "USPS", 0.15, "DHL", 0.05),
          e -> (String) e.payload().get("carrier"));
    }
  }

  /** The defaults are the Python tool's, written out here rather than read from the code. */
  @Test
  public void defaultsAreThePythonTools() {
    GeneratorConfig d = GeneratorConfig.builder().build();
    assertThat(d.numOrders(), equalTo(5000L));
    assertThat(d.seed(), equalTo(42L));
    assertThat(d.spanDays(), equalTo(14));
    assertThat(d.tenantCount(), equalTo(25));
    assertThat(d.userCount(), equalTo(5000));
    assertThat(d.v2Rate(), equalTo(0.35));
    assertThat(d.cancelRate(), equalTo(0.08));
    assertThat(d.shipRate(), equalTo(0.85));
    assertThat(d.correctionRate(), equalTo(0.10));
    assertThat(d.lateRate(), equalTo(0.06));
    assertThat(d.outOfOrderRate(), equalTo(0.12));
    assertThat(d.maxLateDays(), equalTo(3));
    assertThat(d.maxEventGapMinutes(), equalTo(120));
    assertThat(d.duplicateRate(), equalTo(0.0));
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

  private static void assertShares(List<Event> events, Map<String, Double> expected, Function<Event, String> value) {
    Map<String, Integer> counts = new HashMap<>();
    events.forEach(e -> counts.merge(value.apply(e), 1, Integer::sum));
    assertThat("only the expected values occur", expected.keySet().containsAll(counts.keySet()), equalTo(true));
    expected.forEach(
        (v, p) ->
            assertThat(v, counts.getOrDefault(v, 0) / (double) events.size(), closeTo(p, tolerance(p, events.size()))));
  }

  /** 4.5 standard errors of a proportion p over n trials (at least 0.002). */
  private static double tolerance(double p, int n) {
    return Math.max(0.002, 4.5 * Math.sqrt(p * (1 - p) / n));
  }
}
