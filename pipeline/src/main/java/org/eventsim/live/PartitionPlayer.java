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
 * <p>Each order is generated once, a model day ahead of the clock (an order of day i may be
 * created anywhere in that day, so all of day i's orders exist before the clock enters it); its
 * published events wait in a queue by arrival key, and its answer-key figures are added to the
 * rows of their days. A row is handed on once final: a day's arrivals when the day has passed, a
 * day's happenings once none of its events can still arrive. Memory holds the events of about two
 * model days of orders plus the late ones still to come, and the rows of the days in flight:
 * nothing grows with simulated time.
 *
 * <p>From a {@link LiveMark} the player rebuilds its state by generating again the orders that can
 * still deliver an event after the mark's position or count in a row not yet emitted.
 */
final class PartitionPlayer {
  private final LivePlan plan;
  private final int partitions;
  /** Orders created before {@code until}: the end of generation ({@code Long.MAX_VALUE} when unbounded). */
  private final long endOrder;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>();
  private final AnswerKeyAccumulator key = new AnswerKeyAccumulator();
  private LiveMark.Position position;
  private int ingestRowsThrough;
  private int eventRowsThrough;
  /** The next order this player generates. */
  private long nextOrder;

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
    this.partitions = plan.partitions();
    this.endOrder =
        plan.bounded()
            ? (plan.modelDay(plan.untilMicros() - 1) + 1) * plan.ordersPerDay()
            : Long.MAX_VALUE;
    int startDay = Timestamps.epochDay(plan.startMicros());
    if (mark == null) {
      ingestRowsThrough = startDay - 1;
      eventRowsThrough = startDay - 1;
      nextOrder = partition;
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
    long first = plan.firstOrderOfModelDayAt(oldest);
    nextOrder = first + Math.floorMod(partition - first, partitions);
  }

  /**
   * Generates the orders the clock at {@code nowMicros} needs: every order created up to the end of
   * the clock's model day, and a share of the next day's in proportion to how far the clock is
   * into this one, at most {@code budget} of those per call.
   */
  void generate(long nowMicros, int budget) {
    long day = Math.max(0, plan.modelDay(nowMicros));
    long needed = Math.min(endOrder, (day + 1) * plan.ordersPerDay());
    while (nextOrder < needed) {
      generateOrder(nextOrder);
      nextOrder += partitions;
    }
    long intoDay = nowMicros - plan.startMicros() - day * Timestamps.MICROS_PER_DAY;
    long ahead =
        Math.min(
            endOrder,
            needed + (long) ((double) plan.ordersPerDay() * Math.max(0, intoDay) / Timestamps.MICROS_PER_DAY));
    for (int i = 0; i < budget && nextOrder < ahead; i++) {
      generateOrder(nextOrder);
      nextOrder += partitions;
    }
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
        && nextOrder >= endOrder
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
