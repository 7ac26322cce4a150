package org.eventsim.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The small JSON files of an output folder (stats.json, expected/), indented like Python's {@code
 * json.dumps(..., indent=2)}: two spaces, {@code "key": value}, {@code \n} line ends on every
 * platform, BigDecimals written plainly. Maps are written in their iteration order.
 */
public final class IndentedJson {
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .writer(printer());

  private IndentedJson() {}

  /** {@code value} as indented JSON text with a trailing newline. */
  public static String render(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DefaultPrettyPrinter printer() {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
    return printer;
  }
}
