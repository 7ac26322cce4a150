package org.eventsim.model;

/**
 * The five lifecycle event types, in lifecycle order.
 *
 * <p>{@link #lifecycleRank()} breaks ties between events that share an event_time: an order is
 * created before its payment is authorized even when both carry the same timestamp. "Business
 * order" everywhere in event-sim means ascending (event_time, lifecycle rank).
 */
public enum EventType {
  ORDER_CREATED("order_created"),
  PAYMENT_AUTHORIZED("payment_authorized"),
  ORDER_CANCELLED("order_cancelled"),
  ORDER_AMOUNT_CORRECTED("order_amount_corrected"),
  ORDER_SHIPPED("order_shipped");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code event_type} field, e.g. {@code order_created}. */
  public String wireName() {
    return wireName;
  }

  /** Position in the lifecycle; breaks ties between events with the same event_time. */
  public int lifecycleRank() {
    return ordinal();
  }

  /** The type whose {@link #wireName()} is {@code wireName}. */
  public static EventType fromWireName(String wireName) {
    for (EventType t : values()) {
      if (t.wireName.equals(wireName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown event_type: " + wireName);
  }
}
