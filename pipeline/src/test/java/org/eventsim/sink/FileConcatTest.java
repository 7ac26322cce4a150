package org.eventsim.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import org.eventsim.format.FileFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Making a file from pieces, including retries, with the composer of every store that renames
 * (compose into scratch, then rename) and of every object store (upload straight into place).
 */
@RunWith(Parameterized.class)
public class FileConcatTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Parameterized.Parameters(name = "createIsAtomic={0}")
  public static List<Object[]> composers() {
    return List.of(new Object[] {false}, new Object[] {true});
  }

  @Parameterized.Parameter public boolean createIsAtomic;

  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @Test
  public void joinsScratchPiecesInOrderAndDeletesThem() throws Exception {
    OutputLayout layout = layout();
    List<String> pieces = pieces(layout, "a\n", "bb\n", "ccc\n");
    FileConcat.make(layout, FileFormat.NDJSON, "events_by_event_date/2026-01-01.ndjson", pieces, OPTIONS);
    assertThat(read(layout, "events_by_event_date/2026-01-01.ndjson"), equalTo("a\nbb\nccc\n"));
    for (String p : pieces) {
      assertThat(Files.exists(Path.of(p)), equalTo(false));
    }
  }

  @Test
  public void aSinglePieceIsRenamed() throws Exception {
    OutputLayout layout = layout();
    FileConcat.make(layout, FileFormat.NDJSON, "f.ndjson", pieces(layout, "only\n"), OPTIONS);
    assertThat(read(layout, "f.ndjson"), equalTo("only\n"));
  }

  @Test
  public void copiesFilesItDoesNotOwnAndLeavesThem() throws Exception {
    OutputLayout layout = layout();
    Path a = Files.writeString(Path.of(layout.root(), "a.ndjson"), "1\n");
    Path b = Files.writeString(Path.of(layout.root(), "b.ndjson"), "2\n");
    FileConcat.make(layout, FileFormat.NDJSON, "events.ndjson", List.of(a.toString(), b.toString()), OPTIONS);
    FileConcat.make(layout, FileFormat.NDJSON, "events.ndjson", List.of(a.toString(), b.toString()), OPTIONS); // retried
    assertThat(read(layout, "events.ndjson"), equalTo("1\n2\n"));
    assertThat(Files.exists(a) && Files.exists(b), equalTo(true));
    FileConcat.make(layout, FileFormat.NDJSON, "empty.ndjson", List.of(), OPTIONS);
    assertThat(read(layout, "empty.ndjson"), equalTo(""));
  }

  @Test
  public void aRetryAfterTheFileWasMadeChangesNothing() throws Exception {
    OutputLayout layout = layout();
    List<String> pieces = pieces(layout, "p1\n", "p2\n");
    FileConcat.make(layout, FileFormat.NDJSON, "y.ndjson", pieces, OPTIONS);
    FileConcat.make(layout, FileFormat.NDJSON, "y.ndjson", pieces, OPTIONS);
    assertThat(read(layout, "y.ndjson"), equalTo("p1\np2\n"));
  }

  private OutputLayout layout() throws Exception {
    String dir = tmp.newFolder().getAbsolutePath();
    return new OutputLayout(dir + "/", dir + "/.work/", new CopyingWriter(createIsAtomic));
  }

  private static List<String> pieces(OutputLayout layout, String... contents) throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < contents.length; i++) {
      Path p = Path.of(layout.workFile("pieces/piece." + i).toString());
      Files.createDirectories(p.getParent());
      Files.writeString(p, contents[i]);
      paths.add(p.toString());
    }
    return paths;
  }

  private static String read(OutputLayout layout, String relativePath) throws Exception {
    return Files.readString(Path.of(layout.file(relativePath).toString()));
  }
}
