package org.eventsim.model;

/**
 * The envelope values that every event of one order shares.
 *
 * @param orderIndex zero-based position of the order in the run; its id is {@code O-} and index + 1
 * @param orderId e.g. {@code O-0000001}
 * @param tenantId e.g. {@code T-001}
 * @param userId e.g. {@code U-00001}
 * @param sessionId e.g. {@code S-000001}
 * @param sourceSystem web, ios, android or partner_api
 * @param environment prod or staging
 */
public record OrderContext(
    long orderIndex,
    String orderId,
    String tenantId,
    String userId,
    String sessionId,
    String sourceSystem,
    String environment) {}
