package org.eventsim.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.eventsim.format.FileFormat;
import org.eventsim.metrics.RunCounters;
import org.eventsim.model.EventBatch;
import org.eventsim.model.Timestamps;
import org.eventsim.text.ByteBuilder;

/**
 * Writes the sorted event files: {@code events_by_ingest_date/YYYY-MM-DD.ndjson}, {@code
 * events_by_event_date/YYYY-MM-DD.ndjson} and {@code events.ndjson}, every one sorted by
 * (ingest_time, event_id); or the same files in another {@link FileFormat} ({@code .ndjson.gz},
 * {@code .ndjson.zst}, {@code .parquet}).
 *
 * <p>How (see {@link PartPlan}): events are grouped by arrival time into groups of bounded size,
 * each group is sorted once in memory and cut into ingest-date parts and event-date fragments, and
 * each of those is written as one file. Ingest-date files of one part are written under their final
 * names; the other files are then made by joining their pieces in order ({@link FileConcat}: by
 * concatenation, or for Parquet by copying their row groups), and the events file is the join of
 * the ingest-date files in date order — which is the whole
 * run sorted by arrival. Every write goes through Beam's file systems, into the layout's places.
 *
 * <p>Guarantees: every file appears complete or not at all (temporary file, then rename); a retried
 * step rewrites identical bytes; contents are independent of runner, parallelism, bundling and the
 * plan. Output: the paths of the files written, once all of them are complete.
 */
public final class WriteEventFiles extends PTransform<PCollection<EventBatch>, PCollection<String>> {
  private static final Coder<KV<KV<String, Integer>, byte[]>> PIECE_CODER =
      KvCoder.of(PartKey.coder(), ByteArrayCoder.of());

  private static final Coder<KV<KV<String, Integer>, String>> WRITTEN_CODER =
      KvCoder.of(PartKey.coder(), StringUtf8Coder.of());
  private static final Coder<KV<String, List<String>>> TASK_CODER =
      KvCoder.of(StringUtf8Coder.of(), ListCoder.of(StringUtf8Coder.of()));

  private final OutputLayout layout;
  private final PartPlan plan;
  private final FileFormat format;

  private WriteEventFiles(OutputLayout layout, PartPlan plan, FileFormat format) {
    this.layout = layout;
    this.plan = plan;
    this.format = format;
  }

  /**
   * Writes files of {@code format} into {@code layout}'s folder, sorting in the groups of {@code
   * plan}. The batches' records must be what the format's pieces hold ({@link
   * FileFormat#jsonLines()}).
   */
  public static WriteEventFiles to(OutputLayout layout, PartPlan plan, FileFormat format) {
    return new WriteEventFiles(layout, plan, format);
  }

  @Override
  public PCollection<String> expand(PCollection<EventBatch> batches) {
    PCollection<KV<KV<String, Integer>, byte[]>> pieces =
        batches
            .apply("PackIntoGroups", ParDo.of(new PackIntoGroupsFn(plan)))
            .setCoder(KvCoder.of(VarLongCoder.of(), ByteArrayCoder.of()))
            .apply("GroupForSorting", GroupByKey.create())
            .apply("SortGroups", ParDo.of(new SortGroupFn(plan, format)))
            .setCoder(PIECE_CODER);

    boolean singlePart = plan.singlePart();
    Combine.Globally<KV<KV<String, Integer>, String>, List<KV<KV<String, Integer>, String>>> listPieces =
        Combine.globally(new SortedListFn<>(WRITTEN_CODER, WriteEventFiles::byFileThenIndex));
    if (plan.writesPieces()) {
      // Beam's default value for an empty input (a side input and a step of its own) would cost a
      // small run a tenth of its time; it is needed only when there may be no piece at all.
      listPieces = listPieces.withoutDefaults();
    }
    PCollection<KV<String, List<String>>> tasks =
        pieces
            .apply("WritePieces", ParDo.of(new WritePieceFn(layout, format, singlePart)))
            .setCoder(WRITTEN_CODER)
            .apply("ListPieces", listPieces)
            .apply("PlanFiles", ParDo.of(new PlanFilesFn(format, singlePart)))
            .setCoder(TASK_CODER);
    if (plan.parallelCompose()) {
      tasks = tasks.apply("SpreadFiles", Reshuffle.viaRandomKey());
    }
    PCollection<String> files = tasks.apply("MakeFiles", ParDo.of(new ConcatFn(layout, format)));
    if (singlePart) {
      return files; // the events file was one of the tasks
    }
    String ingestFolder = DatePartition.INGEST_DATE.folder() + "/";
    PCollection<String> eventsFile =
        files
            .apply("IngestDateFiles", Filter.by(f -> f.contains("/" + ingestFolder)))
            .apply("InDateOrder", Combine.globally(new SortedListFn<>(StringUtf8Coder.of(), String::compareTo)))
            .apply(
                "EventsFileTask",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptors.lists(TypeDescriptors.strings())))
                    .via(ingestFiles -> KV.of(OutputLayout.eventsFile(format), ingestFiles)))
            .setCoder(TASK_CODER)
            .apply("MakeEventsFile", ParDo.of(new ConcatFn(layout, format)));
    return PCollectionList.of(files).and(eventsFile).apply("AllFiles", Flatten.pCollections());
  }

  private static int byFileThenIndex(KV<KV<String, Integer>, String> a, KV<KV<String, Integer>, String> b) {
    int c = a.getKey().getKey().compareTo(b.getKey().getKey());
    return c != 0 ? c : Integer.compare(a.getKey().getValue(), b.getKey().getValue());
  }

  /** Packs each batch's events into one byte array per sort group they belong to. */
  static final class PackIntoGroupsFn extends DoFn<EventBatch, KV<Long, byte[]>> {
    private final PartPlan plan;

    PackIntoGroupsFn(PartPlan plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(@Element EventBatch batch, OutputReceiver<KV<Long, byte[]>> out) {
      Map<Long, ByteBuilder> groups = new HashMap<>();
      EventBatch.Cursor e = batch.cursor();
      while (e.next()) {
        long ingest = e.ingestTimeMicros();
        long group = plan.groupOf(Timestamps.epochDay(ingest), plan.partOf(ingest));
        SortRecords.append(groups.computeIfAbsent(group, k -> new ByteBuilder(1 << 16)), e);
      }
      groups.forEach((group, bytes) -> out.output(KV.of(group, bytes.toByteArray())));
    }
  }

  /** Sorts one group by arrival and cuts it into ingest-date parts and event-date fragments. */
  static final class SortGroupFn extends DoFn<KV<Long, Iterable<byte[]>>, KV<KV<String, Integer>, byte[]>> {
    private final PartPlan plan;
    private final FileFormat format;
    private final Counter bytesSorted = RunCounters.counter(RunCounters.LINE_BYTES_SORTED);

    SortGroupFn(PartPlan plan, FileFormat format) {
      this.plan = plan;
      this.format = format;
    }

    @ProcessElement
    public void process(
        @Element KV<Long, Iterable<byte[]>> group, OutputReceiver<KV<KV<String, Integer>, byte[]>> out) {
      SortRecords.sortIntoParts(
          group.getValue(),
          plan::partOf,
          format.jsonLines(),
          new SortRecords.Sink() {
            @Override
            public void ingestPart(int ingestDay, int part, byte[] lines) {
              bytesSorted.inc(lines.length);
              out.output(KV.of(PartKey.of(DatePartition.INGEST_DATE.relativePath(ingestDay, format), part), lines));
            }

            @Override
            public void fragment(int eventDay, int ingestDay, int part, byte[] lines) {
              if (!plan.eventDateFiles()) {
                return;
              }
              out.output(
                  KV.of(
                      PartKey.of(
                          DatePartition.EVENT_DATE.relativePath(eventDay, format),
                          plan.fragmentIndex(eventDay, ingestDay, part)),
                      lines));
            }
          });
    }
  }

  /**
   * Writes each sorted piece as one file of the format (a gzip member, a zstd frame, a Parquet file
   * of its own), which it outputs: an ingest-date file of a single part
   * under its final name, every other piece as a scratch file. Written by hand rather than through
   * {@code FileIO}: a piece is exactly one element, so FileIO's sharding, open writer per
   * destination (an object store's upload buffer each) and temporary-file-then-rename (a copy on
   * an object store) bring nothing but cost. Idempotent: a retry rewrites the same bytes under the
   * same name; the file is read only after this step has completed.
   */
  static final class WritePieceFn extends DoFn<KV<KV<String, Integer>, byte[]>, KV<KV<String, Integer>, String>> {
    private final OutputLayout layout;
    private final FileFormat format;
    private final boolean singlePart;

    WritePieceFn(OutputLayout layout, FileFormat format, boolean singlePart) {
      this.layout = layout;
      this.format = format;
      this.singlePart = singlePart;
    }

    @ProcessElement
    public void process(
        @Element KV<KV<String, Integer>, byte[]> piece,
        OutputReceiver<KV<KV<String, Integer>, String>> out,
        PipelineOptions options)
        throws IOException {
      String relativePath = piece.getKey().getKey();
      ResourceId file =
          singlePart && relativePath.startsWith(DatePartition.INGEST_DATE.folder() + "/")
              ? layout.file(relativePath)
              : layout.workFile(String.format("pieces/%s.%06d", relativePath, piece.getKey().getValue()));
      layout.writer().write(file, format.encode(piece.getValue()), options);
      out.output(KV.of(piece.getKey(), file.toString()));
    }
  }

  /**
   * From every written piece, in (file, index) order: one task per file, (file, its pieces in
   * order). With single-part ingest-date files, also the events file's task: the ingest-date files
   * in date order.
   */
  static final class PlanFilesFn extends DoFn<List<KV<KV<String, Integer>, String>>, KV<String, List<String>>> {
    private final FileFormat format;
    private final boolean singlePart;

    PlanFilesFn(FileFormat format, boolean singlePart) {
      this.format = format;
      this.singlePart = singlePart;
    }

    @ProcessElement
    public void process(
        @Element List<KV<KV<String, Integer>, String>> pieces, OutputReceiver<KV<String, List<String>>> out) {
      Map<String, List<String>> byFile = new LinkedHashMap<>();
      for (KV<KV<String, Integer>, String> piece : pieces) {
        byFile.computeIfAbsent(piece.getKey().getKey(), k -> new ArrayList<>()).add(piece.getValue());
      }
      List<String> ingestDateFiles = new ArrayList<>();
      byFile.forEach(
          (file, sources) -> {
            out.output(KV.of(file, sources));
            if (file.startsWith(DatePartition.INGEST_DATE.folder() + "/")) {
              ingestDateFiles.addAll(sources);
            }
          });
      if (singlePart) {
        out.output(KV.of(OutputLayout.eventsFile(format), ingestDateFiles));
      }
    }
  }

  /** Makes one file from its pieces: see {@link FileConcat#make}. Outputs the file's path. */
  static final class ConcatFn extends DoFn<KV<String, List<String>>, String> {
    private final OutputLayout layout;
    private final FileFormat format;

    ConcatFn(OutputLayout layout, FileFormat format) {
      this.layout = layout;
      this.format = format;
    }

    @ProcessElement
    public void process(
        @Element KV<String, List<String>> task, OutputReceiver<String> out, PipelineOptions options)
        throws IOException {
      out.output(FileConcat.make(layout, format, task.getKey(), task.getValue(), options).toString());
    }
  }
}
