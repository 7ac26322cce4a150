package org.eventsim.generate;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.eventsim.json.EventJson;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.model.EventRecord;
import org.eventsim.source.OrderBlock;
import org.eventsim.source.OrderBlockSource;

/**
 * Generates every event of the run: a bounded, splittable read of the order range in blocks,
 * then {@link OrderLifecycle#events} for each order. One {@link EventBatch} per block; the
 * contents are a pure function of the config and the block, whatever the split or runner.
 */
public final class GenerateEvents extends PTransform<PBegin, PCollection<EventBatch>> {
  /** Counter of generated orders, for progress reports. */
  public static final String ORDERS_COUNTER = "orders_generated";
  /** Counter of generated events, for progress reports. */
  public static final String EVENTS_COUNTER = "events_generated";

  private final GeneratorConfig config;
  private final long ordersPerBlock;

  private GenerateEvents(GeneratorConfig config, long ordersPerBlock) {
    this.config = config;
    this.ordersPerBlock = ordersPerBlock;
  }

  /** The events of {@code config}'s orders, generated {@code ordersPerBlock} orders per element. */
  public static GenerateEvents of(GeneratorConfig config, long ordersPerBlock) {
    if (ordersPerBlock < 1) {
      throw new IllegalArgumentException("ordersPerBlock must be >= 1, got " + ordersPerBlock);
    }
    return new GenerateEvents(config, ordersPerBlock);
  }

  @Override
  public PCollection<EventBatch> expand(PBegin input) {
    return input
        .apply(
            "ReadOrderBlocks",
            Read.from(
                OrderBlockSource.of(config.firstOrder(), config.endOrder(), ordersPerBlock)))
        .apply("ExpandLifecycles", ParDo.of(new ExpandBlockFn(config)))
        .setCoder(EventBatch.Coder.of());
  }

  /** Expands a block of orders into their events. */
  static final class ExpandBlockFn extends DoFn<OrderBlock, EventBatch> {
    private final GeneratorConfig config;
    private final Counter orders = Metrics.counter(GenerateEvents.class, ORDERS_COUNTER);
    private final Counter events = Metrics.counter(GenerateEvents.class, EVENTS_COUNTER);

    ExpandBlockFn(GeneratorConfig config) {
      this.config = config;
    }

    @ProcessElement
    public void process(@Element OrderBlock block, OutputReceiver<EventBatch> out) {
      EventBatch batch = batchOf(block, config);
      out.output(batch);
      orders.inc(block.size());
      events.inc(batch.size());
    }
  }

  /** The events of the orders of {@code block}, order by order, each in business order. */
  public static EventBatch batchOf(OrderBlock block, GeneratorConfig config) {
    List<EventRecord> records = new ArrayList<>((int) block.size() * 3);
    for (long i = block.firstOrder(); i < block.endOrder(); i++) {
      for (Event e : OrderLifecycle.events(i, config)) {
        records.add(EventRecord.of(e, EventJson.toLineBytes(e)));
      }
    }
    return new EventBatch(records);
  }
}
