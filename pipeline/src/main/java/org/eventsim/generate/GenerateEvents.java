package org.eventsim.generate;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.eventsim.expected.AnswerKeyAccumulator;
import org.eventsim.format.EventAvro;
import org.eventsim.format.Records;
import org.eventsim.json.EventJson;
import org.eventsim.metrics.RunCounters;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.model.OrderArrivals;
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
  /** One batch per block of orders, each event rendered as its JSON line. */
  public static final TupleTag<EventBatch> EVENTS = new TupleTag<>("events") {};
  /** One batch per block of orders, each event rendered as an Avro datum of {@link EventAvro#SCHEMA}. */
  public static final TupleTag<EventBatch> AVRO_RECORDS = new TupleTag<>("avro-records") {};
  /** The totals of each batch. */
  public static final TupleTag<StatsAccumulator> STATS = new TupleTag<>("stats") {};
  /** The answer key's figures of each batch. */
  public static final TupleTag<AnswerKeyAccumulator> ANSWER_KEY = new TupleTag<>("answer-key") {};


  /** The renderings of the events that a run needs: each is one output, made only when asked for. */
  public enum Rendering {
    /** {@link #EVENTS}: for NDJSON files and Kafka. */
    JSON_LINES,
    /** {@link #AVRO_RECORDS}: for Parquet files. */
    AVRO
  }

  private final GeneratorConfig config;
  private final long ordersPerBlock;
  private final Set<Rendering> renderings;

  private GenerateEvents(GeneratorConfig config, long ordersPerBlock, Set<Rendering> renderings) {
    this.config = config;
    this.ordersPerBlock = ordersPerBlock;
    this.renderings = renderings;
  }

  /**
   * The events of {@code config}'s orders, generated {@code ordersPerBlock} orders per element and
   * rendered as JSON lines ({@link #EVENTS}).
   */
  public static GenerateEvents of(GeneratorConfig config, long ordersPerBlock) {
    return of(config, ordersPerBlock, EnumSet.of(Rendering.JSON_LINES));
  }

  /** The same, with the events rendered in each of {@code renderings}. */
  public static GenerateEvents of(GeneratorConfig config, long ordersPerBlock, Set<Rendering> renderings) {
    if (ordersPerBlock < 1) {
      throw new IllegalArgumentException("ordersPerBlock must be >= 1, got " + ordersPerBlock);
    }
    return new GenerateEvents(config, ordersPerBlock, EnumSet.copyOf(renderings));
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
                ParDo.of(new ExpandBlockFn(config, renderings))
                    .withOutputTags(EVENTS, TupleTagList.of(AVRO_RECORDS).and(STATS).and(ANSWER_KEY)));
    generated.get(EVENTS).setCoder(EventBatch.Coder.of());
    generated.get(AVRO_RECORDS).setCoder(EventBatch.Coder.of());
    generated.get(STATS).setCoder(StatsAccumulator.Coder.of());
    generated.get(ANSWER_KEY).setCoder(AnswerKeyAccumulator.Coder.of());
    return generated;
  }

  /** Expands a block of orders into their events. */
  static final class ExpandBlockFn extends DoFn<OrderBlock, EventBatch> {
    private final GeneratorConfig config;
    private final Set<Rendering> renderings;
    private final Counter lineBytes = RunCounters.counter(RunCounters.LINE_BYTES_GENERATED);
    private final Counter orders = RunCounters.counter(RunCounters.ORDERS_WRITTEN);
    private final Counter events = RunCounters.counter(RunCounters.EVENTS_WRITTEN);

    ExpandBlockFn(GeneratorConfig config, Set<Rendering> renderings) {
      this.config = config;
      this.renderings = renderings;
    }

    @ProcessElement
    public void process(@Element OrderBlock block, MultiOutputReceiver out) {
      Generated g = generate(block, config, renderings);
      // the bytes the file sort takes in (the progress line's measure): the Avro records when
      // Parquet is written, each framed by its length (Records.LENGTH_BYTES, not a newline)
      if (g.avroRecords() != null) {
        out.get(AVRO_RECORDS).output(g.avroRecords());
        lineBytes.inc(g.avroRecords().lineBytes() + (Records.LENGTH_BYTES - 1L) * g.avroRecords().size());
      }
      if (g.events() != null) {
        out.get(EVENTS).output(g.events());
        if (g.avroRecords() == null) {
          lineBytes.inc(g.events().lineBytes());
        }
      }
      out.get(STATS).output(g.stats());
      out.get(ANSWER_KEY).output(g.answerKey());
      orders.inc(g.stats().orders());
      events.inc(g.stats().events());
    }
  }

  /**
   * What generation emits for one block of orders.
   *
   * @param events the orders' events, order by order, each in business order, as JSON lines (null
   *     when not asked for)
   * @param avroRecords the same events as Avro datums (null when not asked for)
   * @param stats the block's partial totals for stats.json
   * @param answerKey the block's partial answer key
   */
  public record Generated(
      EventBatch events, EventBatch avroRecords, StatsAccumulator stats, AnswerKeyAccumulator answerKey) {}

  /**
   * Generates the orders of {@code block}: their events (of a daily increment, only those arriving
   * on its days) and, from one {@link OrderArrivals} tally per order, the partial totals and
   * answer key. A pure function of its arguments.
   */
  public static Generated generate(OrderBlock block, GeneratorConfig config) {
    return generate(block, config, EnumSet.of(Rendering.JSON_LINES));
  }

  /** {@link #generate(OrderBlock, GeneratorConfig)}, rendering the events in each of {@code renderings}. */
  public static Generated generate(OrderBlock block, GeneratorConfig config, Set<Rendering> renderings) {
    EventBatch.Builder json = renderings.contains(Rendering.JSON_LINES) ? EventBatch.builder(EventJson::append) : null;
    EventBatch.Builder avro = renderings.contains(Rendering.AVRO) ? EventBatch.builder(EventAvro::append) : null;
    StatsAccumulator stats = new StatsAccumulator();
    AnswerKeyAccumulator key = new AnswerKeyAccumulator();
    for (long i = block.firstOrder(); i < block.endOrder(); i++) {
      List<Event> events = OrderLifecycle.events(i, config);
      if (config.increment()) {
        events.removeIf(e -> !config.keeps(e.ingestTimeMicros()));
      }
      for (Event e : events) {
        if (json != null) {
          json.add(e);
        }
        if (avro != null) {
          avro.add(e);
        }
      }
      OrderArrivals arrivals = OrderArrivals.of(events);
      stats.addOrder(arrivals);
      key.addOrder(arrivals);
    }
    return new Generated(json == null ? null : json.build(), avro == null ? null : avro.build(), stats, key);
  }

  /** The events of {@code block}'s orders, as {@link #generate} makes them. */
  public static EventBatch batchOf(OrderBlock block, GeneratorConfig config) {
    return generate(block, config).events();
  }
}
