package org.eventsim.live;

import org.eventsim.options.LivePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.eventsim.expected.AnswerKeyAccumulator;
import org.eventsim.expected.AnswerKeyRow;
import org.eventsim.expected.AnswerKeyAccumulator.Table;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.json.EventJson;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.model.OrderArrivals;
import org.eventsim.model.Timestamps;

/**
 * One partition's share of a live run (the orders whose index is {@code partition} mod {@code
 * plan.partitions()}), as a deterministic sequence in simulated time: the caller moves the clock,
 * the player says what is due. Plain Java, no Beam, no wall clock.
 *
 * <p>Each order is generated once, when the clock reaches its creation (a day's orders are
 * scheduled by creation time when the clock enters the day); its published events wait in a queue
 * by arrival key, and its answer-key figures are added to the rows of their days. A row is handed
 * on once final: a day's arrivals when the day has passed, a day's happenings once none of its
 * events can still arrive. Memory holds the events of the orders still in their lifecycle (hours
 * of simulated time) and the late ones still to come, one day's schedule (8 bytes an order), and
 * the rows of the days in flight: nothing grows with simulated time.
 *
 * <p>From a {@link LiveMark} the player rebuilds its state by generating again the orders that can
 * still deliver an event after the mark's position or count in a row not yet emitted.
 */
final class PartitionPlayer {
  /** Bits of a schedule entry that hold the order's place in its day (the rest: when in the day it is created). */
  static final int PLACE_BITS = LivePlan.MAX_ORDERS_PER_DAY_AND_PARTITION_BITS;

  private final LivePlan plan;
  private final int partition;
  private final int partitions;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>();
  private final AnswerKeyAccumulator key = new AnswerKeyAccumulator();
  private LiveMark.Position position;
  private int ingestRowsThrough;
  private int eventRowsThrough;
  /**
   * The model day whose orders are being generated, in the order they are created: each entry is
   * (microseconds into the day &lt;&lt; {@link #PLACE_BITS}) | the order's place among this player's
   * orders of the day, sorted.
   */
  private long scheduleDay;
  private long[] schedule;
  /** The next entry of {@link #schedule} to generate. */
  private int scheduled;
  /** Every order created up to this instant has been generated. */
  private long generatedUpTo = Long.MIN_VALUE;

  /** An event waiting for its arrival time, ordered by arrival key. */
  private record Pending(long ingestMicros, long msb, long lsb, EventBatch event) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      return Event.compareArrival(ingestMicros, msb, lsb, o.ingestMicros, o.msb, o.lsb);
    }
  }

  /**
   * A player of {@code partition}; from {@code mark}'s position when given (its clock origin is
   * the caller's), else from the start.
   */
  PartitionPlayer(LivePlan plan, int partition, LiveMark mark) {
    this.plan = plan;
    this.partition = partition;
    this.partitions = plan.partitions();
    int startDay = Timestamps.epochDay(plan.startMicros());
    if (mark == null) {
      ingestRowsThrough = startDay - 1;
      eventRowsThrough = startDay - 1;
      scheduleDay = -1;
      return;
    }
    position = mark.position();
    ingestRowsThrough = mark.ingestRowsThrough();
    eventRowsThrough = mark.eventRowsThrough();
    // the oldest order that can still matter: one delivering after the position, or counting in
    // the first row of either table not yet emitted
    long oldest =
        Math.min(
            (ingestRowsThrough + 1L) * Timestamps.MICROS_PER_DAY - plan.maxArrivalDelayMicros(),
            (eventRowsThrough + 1L) * Timestamps.MICROS_PER_DAY - plan.maxEventDelayMicros());
    if (position != null) {
      oldest = Math.min(oldest, position.ingestMicros() - plan.maxArrivalDelayMicros());
    }
    scheduleDay = Math.max(0, plan.modelDay(oldest)) - 1;
  }

  /**
   * Generates, in the order they are created, every order created up to {@code nowMicros}, and at
   * most {@code budget} more of those created up to {@code aheadMicros}, so that the work is spread
   * ahead of the clock rather than done when their events fall due.
   */
  void generate(long nowMicros, long aheadMicros, int budget) {
    generateThrough(nowMicros, Integer.MAX_VALUE);
    generatedUpTo = Math.max(generatedUpTo, nowMicros);
    generateThrough(Math.max(nowMicros, aheadMicros), budget);
  }

  private void generateThrough(long micros, int budget) {
    long limit = Math.min(micros, plan.untilMicros() - 1);
    for (int done = 0; done < budget; done++) {
      if (schedule == null || scheduled == schedule.length) {
        long next = scheduleDay + 1;
        if (plan.startMicros() + next * Timestamps.MICROS_PER_DAY > limit) {
          return;
        }
        schedule(next);
        continue;
      }
      long entry = schedule[scheduled];
      if (dayStart(scheduleDay) + (entry >>> PLACE_BITS) > limit) {
        return;
      }
      generateOrder(firstOrder(scheduleDay) + (entry & ((1L << PLACE_BITS) - 1)) * partitions);
      scheduled++;
    }
  }

  /** Makes the schedule of model day {@code day}: this player's orders of it, by creation time. */
  private void schedule(long day) {
    long first = firstOrder(day);
    long end = (day + 1) * plan.ordersPerDay();
    int n = (int) Math.max(0, (end - first + partitions - 1) / partitions);
    long[] entries = new long[n];
    long dayStart = dayStart(day);
    for (int place = 0; place < n; place++) {
      long created = OrderLifecycle.createdAtMicros(first + (long) place * partitions, plan.generator());
      entries[place] = ((created - dayStart) << PLACE_BITS) | place;
    }
    java.util.Arrays.sort(entries);
    scheduleDay = day;
    schedule = entries;
    scheduled = 0;
  }

  /** This player's first order of model day {@code day}. */
  private long firstOrder(long day) {
    long first = day * plan.ordersPerDay();
    return first + Math.floorMod(partition - first, partitions);
  }

  private long dayStart(long day) {
    return plan.startMicros() + day * Timestamps.MICROS_PER_DAY;
  }

  private void generateOrder(long orderIndex) {
    List<Event> events = OrderLifecycle.events(orderIndex, plan.generator());
    events.removeIf(e -> !plan.publishes(e.ingestTimeMicros()));
    if (events.isEmpty()) {
      return;
    }
    key.addOrder(OrderArrivals.of(events));
    EventBatch.Builder rendered = EventBatch.builder(EventJson::append, 4096);
    for (Event e : events) {
      rendered.add(e);
    }
    EventBatch.Cursor c = rendered.build().cursor();
    while (c.next()) {
      if (position == null
          || Event.compareArrival(
                  c.ingestTimeMicros(), c.eventIdMsb(), c.eventIdLsb(),
                  position.ingestMicros(), position.idMsb(), position.idLsb())
              > 0) {
        pending.add(new Pending(c.ingestTimeMicros(), c.eventIdMsb(), c.eventIdLsb(), c.single()));
      }
    }
  }

  /** The arrival time of the next event to emit, or {@link Long#MAX_VALUE} when none is waiting. */
  long nextArrivalMicros() {
    Pending head = pending.peek();
    return head == null ? Long.MAX_VALUE : head.ingestMicros();
  }

  /**
   * The events due at {@code nowMicros} (arriving at or before it), at most {@code max}, in arrival
   * order; null when none is due. Call {@link #generate} first.
   */
  EventBatch takeDue(long nowMicros, int max) {
    List<EventBatch> due = new ArrayList<>();
    Pending last = null;
    while (due.size() < max && !pending.isEmpty() && pending.peek().ingestMicros() <= nowMicros) {
      last = pending.poll();
      due.add(last.event());
    }
    if (last == null) {
      return null;
    }
    position = new LiveMark.Position(last.ingestMicros(), last.msb(), last.lsb());
    return due.size() == 1 ? due.get(0) : EventBatch.concat(due);
  }

  /**
   * The row shares that are final at {@code nowMicros}, each taken out of the player: a day's
   * arrivals once the clock has passed its end and no earlier event is waiting, a day's happenings
   * once none of its events can still arrive; only rows whose day ends by {@code until}. Empty
   * when none.
   */
  List<AnswerKeyRow> finalRows(long nowMicros) {
    List<AnswerKeyRow> rows = new ArrayList<>();
    long horizon = Math.min(nowMicros, plan.untilMicros());
    while (LivePlan.dayEndMicros(ingestRowsThrough + 1) <= horizon
        && nextArrivalMicros() >= LivePlan.dayEndMicros(ingestRowsThrough + 1)) {
      ingestRowsThrough++;
      rows.add(new AnswerKeyRow(Table.BY_INGEST_DATE, ingestRowsThrough,
          key.removeRow(Table.BY_INGEST_DATE, ingestRowsThrough)));
    }
    while (LivePlan.dayEndMicros(eventRowsThrough + 1) <= horizon - plan.maxArrivalDelayMicros()) {
      eventRowsThrough++;
      rows.add(new AnswerKeyRow(Table.BY_EVENT_DATE, eventRowsThrough,
          key.removeRow(Table.BY_EVENT_DATE, eventRowsThrough)));
    }
    return rows;
  }

  /**
   * Whether everything is done at {@code nowMicros}: the run is bounded, the clock has reached
   * until, every event is emitted and every row that can become final has been taken.
   */
  boolean finished(long nowMicros) {
    return plan.bounded()
        && nowMicros >= plan.untilMicros()
        && generatedUpTo >= plan.untilMicros()
        && pending.isEmpty()
        && LivePlan.dayEndMicros(ingestRowsThrough + 1) > plan.untilMicros()
        && LivePlan.dayEndMicros(eventRowsThrough + 1) > plan.untilMicros() - plan.maxArrivalDelayMicros();
  }

  /** The player's state as a mark with the given clock origin. */
  LiveMark mark(long clockOriginMicros) {
    return new LiveMark(clockOriginMicros, position, ingestRowsThrough, eventRowsThrough);
  }

  /** Events generated and not yet emitted (for tests and the memory bound). */
  int waiting() {
    return pending.size();
  }
}
