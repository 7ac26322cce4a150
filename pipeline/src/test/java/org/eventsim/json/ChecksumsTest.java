package org.eventsim.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.eventsim.model.Money;
import org.eventsim.model.Payload;
import org.junit.Test;

public class ChecksumsTest {
  @Test
  public void matchesThePythonToolsTestVector() {
    Payload payload =
        Payload.builder()
            .put("order_id", "O-0000426")
            .put("user_id", "U-00940")
            .put("amount", new Money(4568))
            .put("currency", "USD")
            .build();
    assertThat(Checksums.of(payload), equalTo("223e8e517c4451f7b69ede732293377f"));
  }

  @Test
  public void serializesLikePythonJsonDumpsSortKeys() {
    Payload payload =
        Payload.builder()
            .put("order_id", "O-0000001")
            .put("user_id", "U-00001")
            .put("amount", new Money(50000))
            .put("currency", "EUR")
            .put("promo_code", null)
            .put("device_type", "mobile")
            .build();
    assertThat(
        PayloadJson.pythonSortedKeys(payload),
        equalTo(
            "{\"amount\": 500.0, \"currency\": \"EUR\", \"device_type\": \"mobile\","
                + " \"order_id\": \"O-0000001\", \"promo_code\": null, \"user_id\": \"U-00001\"}"));
  }

  @Test
  public void escapesLikePythonEnsureAscii() {
    Payload payload = Payload.builder().put("k", "é\"\\\n\t\u0001\u007f😀/").build();
    // json.dumps({"k": "é\"\\\n\t\x01\x7f😀/"}, sort_keys=True)
    assertThat(
        PayloadJson.pythonSortedKeys(payload),
        equalTo("{\"k\": \"\\u00e9\\\"\\\\\\n\\t\\u0001\\u007f\\ud83d\\ude00/\"}"));
  }

  @Test
  public void uuid5OfKnownNames() {
    // uuid.uuid5(uuid.NAMESPACE_OID, "") and ("hello")
    assertThat(Checksums.uuid5OidHex(""), equalTo("0a68eb57c88a5f349e9d27f85e68af4f"));
    assertThat(Checksums.uuid5OidHex("hello"), equalTo("4d71d03ff19b5d9e85239628ba18063c"));
  }
}
