package org.eventsim.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Composing on a local disk by moving the first piece and appending the rest, and its retries. */
public class LocalWriterTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void movesTheFirstPieceAppendsTheOthersAndCopiesPiecesItDoesNotOwn() throws Exception {
    List<ResourceId> pieces = pieces("a\n", "bb\n", "ccc\n");
    ResourceId target = file("out/f.ndjson");
    new LocalWriter().compose(pieces, target, true, file("scratch/f.ndjson"), OPTIONS);
    assertThat(Files.readString(path(target)), equalTo("a\nbb\nccc\n"));
    assertThat(Files.exists(path(pieces.get(0))), equalTo(false));

    List<ResourceId> kept = pieces("1\n", "2\n");
    new LocalWriter().compose(kept, file("out/g.ndjson"), false, file("scratch/g.ndjson"), OPTIONS);
    assertThat(Files.readString(path(file("out/g.ndjson"))), equalTo("1\n2\n"));
    assertThat(Files.exists(path(kept.get(0))) && Files.exists(path(kept.get(1))), equalTo(true));
  }

  @Test
  public void aRetryAfterTheFirstPieceWasMovedAndPartlyAppendedToRedoesTheAppend() throws Exception {
    List<ResourceId> pieces = pieces("first\n", "second\n", "third\n");
    // the state an attempt leaves when it fails while appending: first piece moved to the scratch
    // file, its length recorded, part of the second appended
    ResourceId scratch = file("scratch/x.ndjson");
    Path staging = path(scratch);
    Files.createDirectories(staging.getParent());
    Files.writeString(staging.resolveSibling("x.ndjson.first-piece-length"), "6");
    Files.move(path(pieces.get(0)), staging);
    Files.writeString(staging, "sec", StandardOpenOption.APPEND);

    new LocalWriter().compose(pieces, file("out/x.ndjson"), true, scratch, OPTIONS);
    assertThat(Files.readString(path(file("out/x.ndjson"))), equalTo("first\nsecond\nthird\n"));
  }

  private List<ResourceId> pieces(String... contents) throws Exception {
    List<ResourceId> pieces = new ArrayList<>();
    for (String c : contents) {
      Path p = tmp.newFile().toPath();
      Files.writeString(p, c);
      pieces.add(FileSystems.matchNewResource(p.toString(), false));
    }
    return pieces;
  }

  private ResourceId file(String relative) {
    return FileSystems.matchNewResource(tmp.getRoot().toPath().resolve(relative).toString(), false);
  }

  private static Path path(ResourceId r) {
    return Path.of(r.toString());
  }
}
