package org.eventsim.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import org.eventsim.model.Event;
import org.junit.Test;

public class DuplicatesTest {
  private static final GeneratorConfig PLAIN = GeneratorConfig.builder().build();

  /**
   * At every rate, 0 and 1 included, the share of events delivered twice is the rate, a duplicate
   * repeats its event right after it with a later ingest time, and the first deliveries are the
   * run without duplicates.
   */
  @Test
  public void theShareOfDuplicatesIsTheRateAndADuplicateRepeatsTheEventRightAfterIt() {
    for (double rate : new double[] {0, 0.01, 0.2, 0.5, 1}) {
      GeneratorConfig duplicating = PLAIN.toBuilder().duplicateRate(rate).build();
      long events = 0;
      long duplicates = 0;
      for (long i = 0; i < 10_000; i++) {
        List<Event> plain = OrderLifecycle.events(i, PLAIN);
        List<Event> duplicated = OrderLifecycle.events(i, duplicating);
        List<Event> firstDeliveries = new ArrayList<>();
        for (int k = 0; k < duplicated.size(); k++) {
          Event e = duplicated.get(k);
          if (k > 0 && e.eventId().equals(duplicated.get(k - 1).eventId())) {
            Event first = duplicated.get(k - 1);
            long delay = e.ingestTimeMicros() - first.ingestTimeMicros();
            assertThat(delay, greaterThanOrEqualTo(1_000_000L));
            assertThat(delay, lessThanOrEqualTo(600_000_000L));
            assertThat(e.withIngestTimeMicros(first.ingestTimeMicros()), equalTo(first));
            duplicates++;
          } else {
            firstDeliveries.add(e);
          }
        }
        assertThat(firstDeliveries, equalTo(plain));
        events += plain.size();
      }
      double tolerance = Math.max(1e-9, 4.5 * Math.sqrt(rate * (1 - rate) / events));
      assertThat("rate " + rate, (double) duplicates / events, closeTo(rate, tolerance));
    }
  }

  @Test
  public void offByDefault() {
    assertThat(PLAIN.duplicateRate(), equalTo(0.0));
  }
}
