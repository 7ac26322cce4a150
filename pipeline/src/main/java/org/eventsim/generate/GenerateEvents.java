package org.eventsim.generate;

import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.eventsim.expected.AnswerKeyAccumulator;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.source.OrderBlock;
import org.eventsim.source.OrderBlockSource;
import org.eventsim.stats.StatsAccumulator;

/**
 * Generates every event of the run: a bounded, splittable read of the order range in blocks,
 * then {@link OrderLifecycle#events} for each order. Outputs, per block, an {@link EventBatch}
 * ({@link #EVENTS}), its partial totals ({@link #STATS}, for {@link org.eventsim.stats.StatsFn})
 * and its partial answer key ({@link #ANSWER_KEY}, for {@link
 * org.eventsim.expected.AnswerKeyFn}); all are pure functions of the config and the block, whatever
 * the split or runner.
 *
 * <p>The totals are taken here, where the batch is at hand, so that the events have a single
 * consumer downstream: engines such as Flink then pass them on without serializing them.
 */
public final class GenerateEvents extends PTransform<PBegin, PCollectionTuple> {
  /** One batch per block of orders. */
  public static final TupleTag<EventBatch> EVENTS = new TupleTag<>("events") {};
  /** The totals of each batch. */
  public static final TupleTag<StatsAccumulator> STATS = new TupleTag<>("stats") {};
  /** The answer key's figures of each batch. */
  public static final TupleTag<AnswerKeyAccumulator> ANSWER_KEY = new TupleTag<>("answer-key") {};

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
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple generated =
        input
            .apply(
                "ReadOrderBlocks",
                Read.from(
                    OrderBlockSource.of(config.firstOrder(), config.endOrder(), ordersPerBlock)))
            .apply(
                "ExpandLifecycles",
                ParDo.of(new ExpandBlockFn(config))
                    .withOutputTags(EVENTS, TupleTagList.of(STATS).and(ANSWER_KEY)));
    generated.get(EVENTS).setCoder(EventBatch.Coder.of());
    generated.get(STATS).setCoder(StatsAccumulator.Coder.of());
    generated.get(ANSWER_KEY).setCoder(AnswerKeyAccumulator.Coder.of());
    return generated;
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
    public void process(@Element OrderBlock block, MultiOutputReceiver out) {
      AnswerKeyAccumulator key = new AnswerKeyAccumulator();
      EventBatch batch = batchOf(block, config, key::addOrder);
      out.get(EVENTS).output(batch);
      out.get(STATS).output(StatsAccumulator.of(batch));
      out.get(ANSWER_KEY).output(key);
      orders.inc(block.size());
      events.inc(batch.size());
    }
  }

  /**
   * The events of the orders of {@code block}, order by order, each in business order; of a daily
   * increment, only those arriving on its days.
   */
  public static EventBatch batchOf(OrderBlock block, GeneratorConfig config) {
    return batchOf(block, config, events -> {});
  }

  /** As {@link #batchOf(OrderBlock, GeneratorConfig)}, also handing each order's events to {@code eachOrder}. */
  public static EventBatch batchOf(
      OrderBlock block, GeneratorConfig config, Consumer<List<Event>> eachOrder) {
    EventBatch.Builder batch = EventBatch.builder();
    for (long i = block.firstOrder(); i < block.endOrder(); i++) {
      List<Event> events = OrderLifecycle.events(i, config);
      if (config.increment()) {
        events.removeIf(e -> !config.keeps(e.ingestTimeMicros()));
      }
      for (Event e : events) {
        batch.add(e);
      }
      eachOrder.accept(events);
    }
    return batch.build();
  }
}
