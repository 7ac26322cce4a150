package org.eventsim.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.eventsim.model.EventBatch;
import org.eventsim.model.EventRecord;

/**
 * Writes the sorted event files: {@code events_by_ingest_date/YYYY-MM-DD.ndjson}, {@code
 * events_by_event_date/YYYY-MM-DD.ndjson} and {@code events.ndjson}, every one sorted by
 * (ingest_time, event_id).
 *
 * <p>How: each event is routed to its ingest-date file and its event-date file, into the sort
 * group and part that {@link PartPlan} gives (groups are bounded in size, so they sort in memory);
 * each group is sorted and cut into file parts, and {@link FileIO} writes each part as one file. A
 * file of one part is written under its final name; the parts of a larger file are concatenated in
 * order. events.ndjson is the concatenation of the ingest-date files in date order, which is the
 * whole run sorted by arrival.
 *
 * <p>Guarantees: every file appears complete or not at all (temporary file, then rename); a retried
 * step rewrites identical bytes; contents are independent of runner, parallelism, bundling and the
 * plan. Output: the paths of the files written, once all of them are complete.
 */
public final class WriteEventFiles extends PTransform<PCollection<EventBatch>, PCollection<String>> {
  private static final Coder<KV<String, Long>> GROUP_CODER =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
  private static final Coder<KV<KV<String, Integer>, byte[]>> PART_CODER =
      KvCoder.of(PartKey.coder(), ByteArrayCoder.of());
  private static final Coder<KV<KV<String, Integer>, String>> WRITTEN_CODER =
      KvCoder.of(PartKey.coder(), StringUtf8Coder.of());

  private final OutputLayout layout;
  private final PartPlan plan;

  private WriteEventFiles(OutputLayout layout, PartPlan plan) {
    this.layout = layout;
    this.plan = plan;
  }

  /** Writes into {@code layout}'s folder, sorting in the groups of {@code plan}. */
  public static WriteEventFiles to(OutputLayout layout, PartPlan plan) {
    return new WriteEventFiles(layout, plan);
  }

  @Override
  public PCollection<String> expand(PCollection<EventBatch> batches) {
    PCollection<KV<KV<String, Integer>, byte[]>> sortedParts =
        batches
            .apply("PackIntoGroups", ParDo.of(new PackIntoGroupsFn(plan)))
            .setCoder(KvCoder.of(GROUP_CODER, ByteArrayCoder.of()))
            .apply("GroupForSorting", GroupByKey.create())
            .apply("SortGroups", ParDo.of(new SortGroupFn(plan)))
            .setCoder(PART_CODER);

    boolean singlePart = plan.singlePart();
    return sortedParts
        .apply(
            "WriteParts",
            FileIO.<KV<String, Integer>, KV<KV<String, Integer>, byte[]>>writeDynamic()
                .by(KV::getKey)
                .withDestinationCoder(PartKey.coder())
                .via(new BytesSink())
                .to(layout.outDir())
                .withNaming(key -> new PartNaming(singlePart, key.getKey(), key.getValue()))
                .withTempDirectory(
                    layout
                        .workDir()
                        .resolve("beam", StandardResolveOptions.RESOLVE_DIRECTORY)
                        .toString())
                .withNoSpilling())
        .getPerDestinationOutputFilenames()
        .apply(
            "ListWrittenParts",
            Combine.globally(
                new SortedListFn<>(
                    WRITTEN_CODER,
                    (a, b) -> {
                      int c = a.getKey().getKey().compareTo(b.getKey().getKey());
                      return c != 0 ? c : Integer.compare(a.getKey().getValue(), b.getKey().getValue());
                    })))
        .apply("ComposeFiles", ParDo.of(new ComposeFilesFn(layout, singlePart)));
  }

  /** Packs each batch's records into one byte array per sort group they belong to. */
  static final class PackIntoGroupsFn extends DoFn<EventBatch, KV<KV<String, Long>, byte[]>> {
    private final PartPlan plan;

    PackIntoGroupsFn(PartPlan plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(@Element EventBatch batch, OutputReceiver<KV<KV<String, Long>, byte[]>> out) {
      Map<KV<String, Long>, ByteArrayOutputStream> groups = new HashMap<>();
      for (EventRecord r : batch.records()) {
        for (DatePartition partition : DatePartition.values()) {
          int day = partition.dayOf(r);
          long group = plan.groupOf(day, plan.partOf(partition, day, r.ingestTimeMicros()));
          SortRecords.append(
              groups.computeIfAbsent(
                  KV.of(partition.folder(), group), k -> new ByteArrayOutputStream(1 << 14)),
              day,
              r);
        }
      }
      groups.forEach((key, bytes) -> out.output(KV.of(key, bytes.toByteArray())));
    }
  }

  /** Sorts one group's records and cuts them into file parts. */
  static final class SortGroupFn
      extends DoFn<KV<KV<String, Long>, Iterable<byte[]>>, KV<KV<String, Integer>, byte[]>> {
    private final PartPlan plan;

    SortGroupFn(PartPlan plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(
        @Element KV<KV<String, Long>, Iterable<byte[]>> group,
        OutputReceiver<KV<KV<String, Integer>, byte[]>> out) {
      DatePartition partition = DatePartition.ofFolder(group.getKey().getKey());
      SortRecords.sortIntoParts(
          group.getValue(),
          (day, ingest) -> plan.partOf(partition, day, ingest),
          (day, part, lines) -> out.output(KV.of(PartKey.of(partition.relativePath(day), part), lines)));
    }
  }

  /**
   * Names a part's file: the final name when files are single parts, else a scratch name. A part
   * is exactly one element, hence one file, so the shard numbers FileIO passes are ignored (they
   * count files across destinations, not per destination).
   */
  record PartNaming(boolean singlePart, String relativePath, int part)
      implements FileIO.Write.FileNaming {
    @Override
    public String getFilename(
        BoundedWindow window, PaneInfo pane, int numShards, int shardIndex, Compression compression) {
      return singlePart
          ? relativePath
          : OutputLayout.WORK_DIR + "/parts/" + relativePath + String.format(".part-%06d", part);
    }
  }

  /**
   * Given every written part, in (file, part) order: joins the parts of multi-part files under
   * their final names, then the ingest-date files, in date order, into events.ndjson. Outputs the
   * path of every final file.
   */
  static final class ComposeFilesFn extends DoFn<List<KV<KV<String, Integer>, String>>, String> {
    private final OutputLayout layout;
    private final boolean singlePart;

    ComposeFilesFn(OutputLayout layout, boolean singlePart) {
      this.layout = layout;
      this.singlePart = singlePart;
    }

    @ProcessElement
    public void process(
        @Element List<KV<KV<String, Integer>, String>> writtenParts, OutputReceiver<String> out)
        throws IOException {
      Map<String, List<ResourceId>> partsByFile = new LinkedHashMap<>();
      for (KV<KV<String, Integer>, String> part : writtenParts) {
        partsByFile
            .computeIfAbsent(part.getKey().getKey(), k -> new ArrayList<>())
            .add(FileSystems.matchNewResource(part.getValue(), false));
      }
      List<ResourceId> ingestDateFiles = new ArrayList<>();
      for (Map.Entry<String, List<ResourceId>> file : partsByFile.entrySet()) {
        ResourceId target = layout.file(file.getKey());
        if (!singlePart) {
          FileConcat.concat(file.getValue(), layout.workFile("compose/" + file.getKey()), target);
        }
        if (file.getKey().startsWith(DatePartition.INGEST_DATE.folder() + "/")) {
          ingestDateFiles.add(target);
        }
        out.output(target.toString());
      }
      ingestDateFiles.sort(Comparator.comparing(ResourceId::toString));
      ResourceId events = layout.file(OutputLayout.EVENTS_FILE);
      FileConcat.concat(ingestDateFiles, layout.workFile("compose/" + OutputLayout.EVENTS_FILE), events);
      out.output(events.toString());
    }
  }
}
