package org.eventsim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How one order's delivered events arrived: which deliveries repeat an earlier one (duplicates),
 * which are late, and the order's first out-of-order arrival. Computed once per order where it is
 * generated; stats.json and the answer key both count from it, so the two can never disagree on
 * what late or out of order means.
 *
 * <ul>
 *   <li><b>Late</b>: an event whose ingest date (UTC) is after its event date ({@link
 *       Event#arrivesLate()}).
 *   <li><b>Repeat</b>: a delivery of an event_id that was delivered before (a duplicate).
 *   <li><b>Out of order</b>: among first deliveries, an event that arrives (by ingest_time, then
 *       event_id) after an event of the same order that happened later (by event_time, then
 *       lifecycle rank). The order's first such arrival, in arrival order, is recorded.
 * </ul>
 *
 * <p>Immutable.
 */
public final class OrderArrivals {
  private final List<Event> delivered;
  private final boolean[] repeat;
  private final Event firstOutOfOrder;

  private OrderArrivals(List<Event> delivered, boolean[] repeat, Event firstOutOfOrder) {
    this.delivered = delivered;
    this.repeat = repeat;
    this.firstOutOfOrder = firstOutOfOrder;
  }

  /**
   * The arrival facts of one order.
   *
   * @param delivered the order's delivered events, each repeat listed after the delivery it
   *     repeats (as the generator lists them), possibly filtered to a run's ingest days
   */
  public static OrderArrivals of(List<Event> delivered) {
    List<Event> events = List.copyOf(delivered);
    boolean[] repeat = new boolean[events.size()];
    List<Event> firstDeliveries = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      repeat[i] = isDelivered(firstDeliveries, e);
      if (!repeat[i]) {
        firstDeliveries.add(e);
      }
    }
    return new OrderArrivals(events, repeat, firstOutOfOrderArrival(firstDeliveries));
  }

  /** Whether an event of {@code e}'s id is among {@code deliveries} (a plain loop: once per event). */
  private static boolean isDelivered(List<Event> deliveries, Event e) {
    for (int i = 0; i < deliveries.size(); i++) {
      if (deliveries.get(i).eventId().equals(e.eventId())) {
        return true;
      }
    }
    return false;
  }

  /** The first event, in arrival order, that arrives after one that happened later; or null. */
  private static Event firstOutOfOrderArrival(List<Event> firstDeliveries) {
    List<Event> byArrival = new ArrayList<>(firstDeliveries);
    byArrival.sort(Event.ARRIVAL_ORDER);
    Event latestHappened = null;
    for (Event e : byArrival) {
      if (latestHappened != null && Event.BUSINESS_ORDER.compare(e, latestHappened) < 0) {
        return e;
      }
      if (latestHappened == null || Event.BUSINESS_ORDER.compare(e, latestHappened) > 0) {
        latestHappened = e;
      }
    }
    return null;
  }

  /** Number of deliveries, repeats included. */
  public int size() {
    return delivered.size();
  }

  /** The i-th delivery, in the generator's order. */
  public Event event(int i) {
    return delivered.get(i);
  }

  /** Whether the i-th delivery repeats an earlier one (a duplicate). */
  public boolean isRepeat(int i) {
    return repeat[i];
  }

  /** Whether the order has any delivery at all (an increment may keep none of its events). */
  public boolean isEmpty() {
    return delivered.isEmpty();
  }

  /** The order's first out-of-order arrival, or null when it arrived in order. */
  public Event firstOutOfOrder() {
    return firstOutOfOrder;
  }

  /** Whether some event of the order arrives after one that happened later. */
  public boolean isOutOfOrder() {
    return firstOutOfOrder != null;
  }
}
