package org.eventsim.sink;

import org.eventsim.format.FileFormat;
import org.eventsim.model.Timestamps;

/** The two date-partitioned copies of the events, one file per UTC date. */
public enum DatePartition {
  /** {@code events_by_ingest_date/YYYY-MM-DD.ndjson} (or .parquet, ...): the events that arrived that day. */
  INGEST_DATE("events_by_ingest_date"),
  /** {@code events_by_event_date/YYYY-MM-DD.ndjson}: the events that happened that day. */
  EVENT_DATE("events_by_event_date");

  private final String folder;

  DatePartition(String folder) {
    this.folder = folder;
  }

  /** The folder inside the output folder. */
  public String folder() {
    return folder;
  }

  /** The file of {@code epochDay} in {@code format}, relative to the output folder. */
  public String relativePath(int epochDay, FileFormat format) {
    return folder + "/" + Timestamps.formatDate(epochDay) + format.extension();
  }
}
