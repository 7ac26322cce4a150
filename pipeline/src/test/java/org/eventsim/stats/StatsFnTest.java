package org.eventsim.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.util.CoderUtils;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.Event;
import org.eventsim.model.EventType;
import org.eventsim.model.Timestamps;
import org.eventsim.source.OrderBlock;
import org.eventsim.testing.ReferenceModel;
import org.junit.Test;

public class StatsFnTest {
  private static final GeneratorConfig CONFIG = GeneratorConfig.builder().numOrders(3_000).build();

  @Test
  public void combinesPerBatchTotalsIntoTheReferenceTotalsInAnyOrderAndGrouping() {
    assertCombinesToReference(CONFIG);
  }

  @Test
  public void countsDuplicatesAsLinesButNotAsOutOfOrder() {
    GeneratorConfig withDuplicates = CONFIG.toBuilder().duplicateRate(0.3).build();
    assertCombinesToReference(withDuplicates);
    RunStats plain = new StatsFn().apply(partials(CONFIG));
    RunStats duplicated = new StatsFn().apply(partials(withDuplicates));
    assertThat(duplicated.events(), equalTo(plain.events() + duplicated.duplicates()));
    assertThat(duplicated.outOfOrderOrders(), equalTo(plain.outOfOrderOrders()));
    assertThat(plain.duplicates(), equalTo(0L));
  }

  private static void assertCombinesToReference(GeneratorConfig config) {
    CombineFnTester.testCombineFn(new StatsFn(), partials(config), expected(ReferenceModel.of(config).events()));
  }

  private static List<StatsAccumulator> partials(GeneratorConfig config) {
    List<StatsAccumulator> partials = new ArrayList<>();
    for (long first = 0; first < config.numOrders(); first += 250) {
      partials.add(
          GenerateEvents.generate(new OrderBlock(first, Math.min(first + 250, config.numOrders())), config).stats());
    }
    return partials;
  }

  @Test
  public void emptyInputGivesZeroes() {
    RunStats s = new StatsFn().apply(List.of());
    assertThat(s.events(), equalTo(0L));
    assertThat(s.eventTypes().size(), equalTo(5));
    assertThat(s.schemaVersions().keySet().toString(), equalTo("[1, 2]"));
    assertThat(s.lateEvents(), equalTo(0L));
  }

  @Test
  public void accumulatorCoderRoundTrips() throws Exception {
    StatsAccumulator acc = GenerateEvents.generate(new OrderBlock(0, 500), CONFIG).stats();
    assertThat(CoderUtils.clone(StatsAccumulator.Coder.of(), acc), equalTo(acc));
  }

  /** The totals computed from the events directly, order by order. */
  private static RunStats expected(List<Event> events) {
    Map<Long, List<Event>> byOrder = new TreeMap<>();
    events.forEach(e -> byOrder.computeIfAbsent(e.order().orderIndex(), k -> new ArrayList<>()).add(e));
    Map<EventType, Long> types = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      types.put(t, 0L);
    }
    Map<Integer, Long> versions = new TreeMap<>(Map.of(1, 0L, 2, 0L));
    TreeMap<String, Long> ingest = new TreeMap<>();
    TreeMap<String, Long> event = new TreeMap<>();
    long late = 0;
    long outOfOrder = 0;
    long duplicates = 0;
    for (List<Event> arrival : byOrder.values()) {
      List<Event> firstDeliveries = new ArrayList<>();
      for (Event e : arrival) {
        if (firstDeliveries.stream().noneMatch(f -> f.eventId().equals(e.eventId()))) {
          firstDeliveries.add(e);
        }
      }
      duplicates += arrival.size() - firstDeliveries.size();
      List<Event> business = new ArrayList<>(firstDeliveries);
      business.sort(Event.BUSINESS_ORDER);
      outOfOrder += business.equals(firstDeliveries) ? 0 : 1;
      for (Event e : arrival) {
        types.merge(e.type(), 1L, Long::sum);
        versions.merge(e.schemaVersion(), 1L, Long::sum);
        int ingestDay = Timestamps.epochDay(e.ingestTimeMicros());
        int eventDay = Timestamps.epochDay(e.eventTimeMicros());
        late += ingestDay > eventDay ? 1 : 0;
        ingest.merge(Timestamps.formatDate(ingestDay), 1L, Long::sum);
        event.merge(Timestamps.formatDate(eventDay), 1L, Long::sum);
      }
    }
    return new RunStats(
        byOrder.size(), events.size(), types, versions, late, outOfOrder, duplicates, ingest, event);
  }
}
