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
  private static final GeneratorConfig DUPLICATING = PLAIN.toBuilder().duplicateRate(0.2).build();

  @Test
  public void aDuplicateRepeatsTheEventRightAfterItWithALaterIngestTimeAndChangesNothingElse() {
    long events = 0;
    long duplicates = 0;
    for (long i = 0; i < 20_000; i++) {
      List<Event> plain = OrderLifecycle.events(i, PLAIN);
      List<Event> duplicated = OrderLifecycle.events(i, DUPLICATING);
      List<Event> firstDeliveries = new ArrayList<>();
      for (int k = 0; k < duplicated.size(); k++) {
        Event e = duplicated.get(k);
        if (k > 0 && e.eventId().equals(duplicated.get(k - 1).eventId())) {
          Event first = duplicated.get(k - 1);
          long delay = e.ingestTimeMicros() - first.ingestTimeMicros();
          assertThat(delay, greaterThanOrEqualTo(OrderLifecycle.MIN_REDELIVERY_MICROS));
          assertThat(delay, lessThanOrEqualTo(OrderLifecycle.MAX_REDELIVERY_MICROS));
          assertThat(e.withIngestTimeMicros(first.ingestTimeMicros()), equalTo(first));
          duplicates++;
        } else {
          firstDeliveries.add(e);
        }
      }
      assertThat(firstDeliveries, equalTo(plain));
      events += plain.size();
    }
    assertThat((double) duplicates / events, closeTo(0.2, 0.01));
  }

  @Test
  public void offByDefault() {
    assertThat(PLAIN.duplicateRate(), equalTo(0.0));
  }
}
