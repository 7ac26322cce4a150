package org.eventsim.runners.flink;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The one FlinkRunner option the command reads itself, declared again here (as Beam allows) so
 * that this module compiles against the Beam SDK only and keeps the runner at runtime scope.
 */
public interface FlinkMasterOptions extends PipelineOptions {
  @Description(
      "Address of the Flink master: HOST:PORT of a cluster's REST endpoint, or [auto] / [local]"
          + " for Flink embedded in this process.")
  @Default.String("[auto]")
  String getFlinkMaster();

  void setFlinkMaster(String value);
}
