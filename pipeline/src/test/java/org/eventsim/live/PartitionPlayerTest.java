package org.eventsim.live;

import org.eventsim.options.LivePlan;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eventsim.expected.AnswerKeyAccumulator;
import org.eventsim.expected.AnswerKeyAccumulator.Table;
import org.eventsim.expected.AnswerKeyRow;
import org.eventsim.generate.DailyIncrement;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.EventBatch;
import org.eventsim.model.Timestamps;
import org.eventsim.source.OrderBlock;
import org.junit.Test;

/**
 * The players of a live run, driven by a simulated clock, emit exactly the batch increment of the
 * same days (the same lines, each order's in the same arrival order) and its answer-key rows, never
 * an event before the clock reaches it; and a player rebuilt from its mark at any moment goes on as
 * if nothing had happened.
 */
public class PartitionPlayerTest {
  private static final long START = micros("2026-01-01T00:00:00Z");
  private static final int FIRST_DAY = Timestamps.epochDay(START);
  private static final long HOUR = 3_600_000_000L;

  private static GeneratorConfig model() {
    return GeneratorConfig.builder()
        .seed(7)
        .startMicros(START)
        .ordersPerDay(60)
        .lateRate(0.2)
        .maxLateDays(2)
        .outOfOrderRate(0.2)
        .duplicateRate(0.1)
        .build();
  }

  @Test
  public void threePlayersEmitTheBatchIncrementOfTheirDaysAndItsAnswerKey() {
    LivePlan plan = new LivePlan(model(), START + 3 * 24 * HOUR, 3600, 3);
    Played played = play(plan, 0, null);
    assertThat(played.byOrder, equalTo(batchByOrder(FIRST_DAY, FIRST_DAY + 2)));
    AnswerKeyAccumulator batch = batchKey(FIRST_DAY, FIRST_DAY + 2);
    for (int day = FIRST_DAY; day <= FIRST_DAY + 2; day++) {
      assertThat("by_ingest_date " + day, played.rows.get(Table.BY_INGEST_DATE + "/" + day),
          equalTo(new AnswerKeyRow(Table.BY_INGEST_DATE, day, batch.removeRow(Table.BY_INGEST_DATE, day))));
    }
    assertThat(played.rows.keySet().stream().filter(k -> k.startsWith("BY_EVENT")).count(), equalTo(0L));
  }

  @Test
  public void happeningsOfADayArePublishedOnceNoneCanStillArriveAndEqualALongBatchRange() {
    LivePlan plan = new LivePlan(model(), START + 6 * 24 * HOUR, 3600, 2);
    Played played = play(plan, 0, null);
    // with at most 2 days late, the first day's happenings are final before the sixth day ends
    AnswerKeyAccumulator batch = batchKey(FIRST_DAY, FIRST_DAY + 5);
    long[] first = batch.removeRow(Table.BY_EVENT_DATE, FIRST_DAY);
    assertThat(played.rows.get(Table.BY_EVENT_DATE + "/" + FIRST_DAY),
        equalTo(new AnswerKeyRow(Table.BY_EVENT_DATE, FIRST_DAY, first)));
    for (String k : played.rows.keySet()) {
      if (k.startsWith("BY_EVENT")) {
        int day = Integer.parseInt(k.substring(k.indexOf('/') + 1));
        assertThat(LivePlan.dayEndMicros(day) + plan.maxArrivalDelayMicros(), lessThanOrEqualTo(plan.untilMicros()));
        if (day != FIRST_DAY) {
          assertThat(played.rows.get(k), equalTo(new AnswerKeyRow(Table.BY_EVENT_DATE, day, batch.removeRow(Table.BY_EVENT_DATE, day))));
        }
      }
    }
    assertThat(played.byOrder, equalTo(batchByOrder(FIRST_DAY, FIRST_DAY + 5)));
  }

  @Test
  public void aPlayerRebuiltFromItsMarkAtRandomMomentsEmitsTheSame() {
    LivePlan plan = new LivePlan(model(), START + 3 * 24 * HOUR + 5 * HOUR, 3600, 2);
    Played steady = play(plan, 0, null);
    Played restarted = play(plan, 0.15, new Random(3));
    assertThat(restarted.restarts, greaterThan(5));
    assertThat(restarted.byOrder, equalTo(steady.byOrder));
    assertThat(restarted.rows, equalTo(steady.rows));
  }

  /** What the players emitted: each order's lines in order, and every row summed over players. */
  private record Played(Map<String, List<String>> byOrder, Map<String, AnswerKeyRow> rows, int restarts) {}

  /**
   * Plays every partition with a clock moving by uneven steps; with probability {@code restartRate}
   * per step a player is replaced by one rebuilt from its mark.
   */
  private static Played play(LivePlan plan, double restartRate, Random random) {
    Map<String, List<String>> byOrder = new TreeMap<>();
    Map<String, AnswerKeyRow> rows = new TreeMap<>();
    int restarts = 0;
    for (int p = 0; p < plan.partitions(); p++) {
      PartitionPlayer player = new PartitionPlayer(plan, p, null);
      long now = plan.startMicros();
      int steps = 0;
      while (!player.finished(now)) {
        assertThat("the run ends", steps++ < 100_000, equalTo(true));
        player.generate(now, now + HOUR, 7);
        for (AnswerKeyRow share : player.finalRows(now)) {
          rows.merge(share.table() + "/" + share.day(), share, AnswerKeyRow::plus);
        }
        EventBatch due;
        while ((due = player.takeDue(now, 5)) != null) {
          EventBatch.Cursor c = due.cursor();
          while (c.next()) {
            assertThat(c.ingestTimeMicros(), lessThanOrEqualTo(now));
            byOrder.computeIfAbsent(Long.toString(c.orderIndex()), k -> new ArrayList<>()).add(line(c));
          }
        }
        if (random != null && random.nextDouble() < restartRate) {
          player = new PartitionPlayer(plan, p, player.mark(0));
          restarts++;
        }
        now += (long) (HOUR * (0.1 + (steps % 7) * 0.3));
      }
    }
    // rows no order counted in are not published
    rows.values().removeIf(r -> r.figures() == null);
    return new Played(byOrder, rows, restarts);
  }

  private static GeneratorConfig increment(int firstDay, int lastDay) {
    GeneratorConfig m = model();
    long[] orders =
        DailyIncrement.ordersArriving(m.startMicros(), m.ordersPerDay(), firstDay, lastDay, m.maxLateDays(), m.maxEventGapMinutes());
    return m.toBuilder().firstOrder(orders[0]).numOrders(orders[1] - orders[0]).ingestDays(firstDay, lastDay).build();
  }

  /** The batch increment's events, each order's lines in arrival order (as Kafka publishes them). */
  private static Map<String, List<String>> batchByOrder(int firstDay, int lastDay) {
    GeneratorConfig c = increment(firstDay, lastDay);
    EventBatch batch = GenerateEvents.batchOf(new OrderBlock(c.firstOrder(), c.endOrder()), c);
    Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    EventBatch.Cursor cur = batch.cursor();
    while (cur.next()) {
      rows.computeIfAbsent(Long.toString(cur.orderIndex()), k -> new ArrayList<>())
          .add(new Object[] {cur.ingestTimeMicros(), cur.eventIdMsb(), cur.eventIdLsb(), line(cur)});
    }
    Map<String, List<String>> byOrder = new TreeMap<>();
    rows.forEach((order, events) -> {
      events.sort((a, b) -> org.eventsim.model.Event.compareArrival(
          (long) a[0], (long) a[1], (long) a[2], (long) b[0], (long) b[1], (long) b[2]));
      List<String> lines = new ArrayList<>();
      events.forEach(e -> lines.add((String) e[3]));
      byOrder.put(order, lines);
    });
    return byOrder;
  }

  private static AnswerKeyAccumulator batchKey(int firstDay, int lastDay) {
    GeneratorConfig c = increment(firstDay, lastDay);
    return GenerateEvents.generate(new OrderBlock(c.firstOrder(), c.endOrder()), c).answerKey();
  }

  private static String line(EventBatch.Cursor c) {
    return new String(c.data(), c.lineOffset(), c.lineLength(), StandardCharsets.UTF_8);
  }

  private static long micros(String instant) {
    return Instant.parse(instant).toEpochMilli() * 1000;
  }

}
