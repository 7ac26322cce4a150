package org.eventsim.expected;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.util.CoderUtils;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.source.OrderBlock;
import org.eventsim.testing.AnswerKeyFromEvents;
import org.eventsim.testing.ReferenceModel;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AnswerKeyFnTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder().numOrders(2_000).lateRate(0.2).duplicateRate(0.1).build();

  @Test
  public void combinesPartialKeysInAnyOrderAndGroupingIntoTheKeyOfTheWholeRun() throws Exception {
    List<AnswerKeyAccumulator> partials = new ArrayList<>();
    AnswerKeyAccumulator whole = new AnswerKeyAccumulator();
    for (long first = 0; first < CONFIG.numOrders(); first += 150) {
      AnswerKeyAccumulator partial =
          GenerateEvents.generate(new OrderBlock(first, Math.min(first + 150, CONFIG.numOrders())), CONFIG).answerKey();
      partials.add(partial);
      whole.merge(partial);
    }
    SortedMap<String, String> expected = AnswerKeyJson.render(whole);
    CombineFnTester.testCombineFn(new AnswerKeyFn(), partials, expected);

    // and it is what a consumer computes from the lines alone
    Path events = tmp.newFile("events.ndjson").toPath();
    Files.write(events, ReferenceModel.of(CONFIG).eventsFile());
    Path out = tmp.newFolder("out").toPath();
    Files.createDirectories(out.resolve("expected"));
    for (Map.Entry<String, String> f : expected.entrySet()) {
      Files.writeString(out.resolve("expected").resolve(f.getKey()), f.getValue());
    }
    assertThat(AnswerKeyFromEvents.read(out), equalTo(AnswerKeyFromEvents.of(events)));
  }

  @Test
  public void anEmptyRunHasZeroTotals() {
    SortedMap<String, String> files = new AnswerKeyFn().apply(List.of());
    assertThat(files.get(AnswerKeyJson.BY_EVENT_DATE), equalTo("{ }\n"));
    assertThat(
        files.get(AnswerKeyJson.TOTALS),
        equalTo(
            "{\n  \"orders_created\": 0,\n  \"orders_cancelled\": 0,\n  \"orders_shipped\": 0,\n"
                + "  \"orders_corrected\": 0,\n  \"revenue\": { },\n  \"events_received\": 0,\n"
                + "  \"late_events_received\": 0,\n  \"out_of_order_orders\": 0\n}\n"));
  }

  @Test
  public void accumulatorCoderRoundTrips() throws Exception {
    AnswerKeyAccumulator acc = GenerateEvents.generate(new OrderBlock(0, 500), CONFIG).answerKey();
    assertThat(CoderUtils.clone(AnswerKeyAccumulator.Coder.of(), acc), equalTo(acc));
  }
}
