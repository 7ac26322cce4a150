package org.eventsim.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Making a file from pieces, including retries after a failure at each point of the way. */
public class FileConcatTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void joinsScratchPiecesInOrderAndDeletesThem() throws Exception {
    OutputLayout layout = layout();
    List<String> pieces = pieces(layout, "a\n", "bb\n", "ccc\n");
    FileConcat.make(layout, "events_by_event_date/2026-01-01.ndjson", pieces);
    assertThat(read(layout, "events_by_event_date/2026-01-01.ndjson"), equalTo("a\nbb\nccc\n"));
    for (String p : pieces) {
      assertThat(Files.exists(Path.of(p)), equalTo(false));
    }
  }

  @Test
  public void aSinglePieceIsRenamed() throws Exception {
    OutputLayout layout = layout();
    FileConcat.make(layout, "f.ndjson", pieces(layout, "only\n"));
    assertThat(read(layout, "f.ndjson"), equalTo("only\n"));
  }

  @Test
  public void copiesFilesItDoesNotOwnAndLeavesThem() throws Exception {
    OutputLayout layout = layout();
    Path a = Files.writeString(Path.of(layout.outDir(), "a.ndjson"), "1\n");
    Path b = Files.writeString(Path.of(layout.outDir(), "b.ndjson"), "2\n");
    FileConcat.make(layout, "events.ndjson", List.of(a.toString(), b.toString()));
    FileConcat.make(layout, "events.ndjson", List.of(a.toString(), b.toString())); // retried
    assertThat(read(layout, "events.ndjson"), equalTo("1\n2\n"));
    assertThat(Files.exists(a) && Files.exists(b), equalTo(true));
    FileConcat.make(layout, "empty.ndjson", List.of());
    assertThat(read(layout, "empty.ndjson"), equalTo(""));
  }

  @Test
  public void aRetryAfterTheFirstPieceWasMovedAndPartlyAppendedToRedoesTheAppend() throws Exception {
    OutputLayout layout = layout();
    List<String> pieces = pieces(layout, "first\n", "second\n", "third\n");
    // the state an attempt leaves when it fails while appending: first piece moved to staging,
    // its length recorded, part of the second appended
    Path staging = Path.of(layout.workFile("staging/x.ndjson").toString());
    Files.createDirectories(staging.getParent());
    Files.writeString(staging.resolveSibling("x.ndjson.first-piece-length"), "6");
    Files.move(Path.of(pieces.get(0)), staging);
    Files.writeString(staging, "sec", java.nio.file.StandardOpenOption.APPEND);

    FileConcat.make(layout, "x.ndjson", pieces);
    assertThat(read(layout, "x.ndjson"), equalTo("first\nsecond\nthird\n"));
  }

  @Test
  public void aRetryAfterTheFileWasMadeChangesNothing() throws Exception {
    OutputLayout layout = layout();
    List<String> pieces = pieces(layout, "p1\n", "p2\n");
    FileConcat.make(layout, "y.ndjson", pieces);
    FileConcat.make(layout, "y.ndjson", pieces);
    assertThat(read(layout, "y.ndjson"), equalTo("p1\np2\n"));
  }

  private OutputLayout layout() throws Exception {
    return new OutputLayout(tmp.newFolder().getAbsolutePath());
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
