package org.eventsim.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.eventsim.expected.AnswerKeyJson;

/**
 * Stages the answer key's files (file name to JSON text, from {@link
 * org.eventsim.expected.AnswerKeyFn}) for {@link OutputLayout#EXPECTED_DIR}; the owner of the output
 * folder moves them into place after the whole pipeline has succeeded, just before stats.json.
 * Output: the staged files' paths.
 */
public final class WriteAnswerKey
    extends PTransform<PCollection<SortedMap<String, String>>, PCollection<String>> {
  /** The files of the answer key, in the order they are committed. */
  public static final List<String> FILES =
      List.of(AnswerKeyJson.BY_EVENT_DATE, AnswerKeyJson.BY_INGEST_DATE, AnswerKeyJson.TOTALS);

  private final OutputLayout layout;

  private WriteAnswerKey(OutputLayout layout) {
    this.layout = layout;
  }

  /** Stages the answer key of a run in {@code layout}. */
  public static WriteAnswerKey to(OutputLayout layout) {
    return new WriteAnswerKey(layout);
  }

  /** The answer key file {@code file}'s path in the output folder. */
  public static String path(String file) {
    return OutputLayout.EXPECTED_DIR + "/" + file;
  }

  @Override
  public PCollection<String> expand(PCollection<SortedMap<String, String>> files) {
    return files.apply("Stage", ParDo.of(new StageFn(layout)));
  }

  private static final class StageFn extends DoFn<SortedMap<String, String>, String> {
    private final OutputLayout layout;

    StageFn(OutputLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element SortedMap<String, String> files, OutputReceiver<String> out)
        throws IOException {
      if (!files.keySet().equals(new TreeSet<>(FILES))) {
        throw new IllegalArgumentException("unexpected answer key files " + files.keySet());
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
        out.output(StagedFiles.stage(layout, path(f.getKey()), bytes).toString());
      }
    }
  }
}
