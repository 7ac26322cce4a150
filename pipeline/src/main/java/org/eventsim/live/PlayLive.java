package org.eventsim.live;

import org.eventsim.options.LivePlan;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.eventsim.expected.AnswerKeyRow;
import org.eventsim.metrics.RunCounters;
import org.eventsim.model.EventBatch;
import org.eventsim.options.KafkaTarget;
import org.eventsim.sink.kafka.PublishAnswerKeyRows;
import org.eventsim.sink.kafka.PublishToKafka;

/**
 * A live run: plays the daily model out in (scaled) wall-clock time and publishes each event to
 * Kafka when the simulated clock reaches its arrival, and each answer-key row to {@code
 * <topic>.expected} once it is final.
 *
 * <pre>
 * PlayModel (LiveSource, one split per partition) ─ SplitEventsAndRows ─┬ events ─ PublishToKafka
 *                                                                         └ row shares ─ SumRowShares ─ PublishAnswerKey
 * </pre>
 *
 * <p>The records are those of a batch run's {@link PublishToKafka} (same key, value, headers,
 * timestamp, and per-key order): only their pacing differs. Delivery is at least once; see {@link
 * PublishToKafka}.
 */
public final class PlayLive extends PTransform<PBegin, PDone> {
  private static final TupleTag<EventBatch> EVENTS = new TupleTag<>("events") {};
  private static final TupleTag<KV<String, AnswerKeyRow>> SHARES = new TupleTag<>("row-shares") {};

  private final LivePlan plan;
  private final KafkaTarget target;

  private PlayLive(LivePlan plan, KafkaTarget target) {
    this.plan = plan;
    this.target = target;
  }

  public static PlayLive of(LivePlan plan, KafkaTarget target) {
    return new PlayLive(plan, target);
  }

  /** The topic of the answer key's rows: {@code <topic>.expected}. */
  public static String answerKeyTopic(String topic) {
    return topic + ".expected";
  }

  @Override
  public PDone expand(PBegin input) {
    PCollectionTuple played =
        input
            .apply("PlayModel", Read.from(LiveSource.of(plan)))
            .apply("SplitEventsAndRows", ParDo.of(new SplitFn()).withOutputTags(EVENTS, TupleTagList.of(SHARES)));
    played.get(EVENTS).setCoder(EventBatch.Coder.of()).apply("PublishToKafka", PublishToKafka.to(target));
    return played
        .get(SHARES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AnswerKeyRow.Coder.of()))
        .apply("SumRowShares", ParDo.of(new SumRowSharesFn(plan.partitions())))
        .setCoder(AnswerKeyRow.Coder.of())
        .apply(
            "PublishAnswerKey",
            PublishAnswerKeyRows.to(
                target.bootstrapServers(), answerKeyTopic(target.topic()), plan.maxArrivalDelayMicros()));
  }

  /** Events to one output; each row share, keyed by its row, to the other. */
  private static final class SplitFn extends DoFn<LiveElement, EventBatch> {
    /** Events handed to the Kafka sink (counted here: Flink reports a source reader's counters only while it runs). */
    private final Counter published = RunCounters.counter(RunCounters.EVENTS_WRITTEN);

    @ProcessElement
    public void process(@Element LiveElement e, MultiOutputReceiver out) {
      if (e.events() != null) {
        out.get(EVENTS).output(e.events());
        published.inc(e.events().size());
        return;
      }
      for (AnswerKeyRow share : e.shares()) {
        out.get(SHARES).output(KV.of(share.table() + "/" + share.day(), share));
      }
    }
  }
}
