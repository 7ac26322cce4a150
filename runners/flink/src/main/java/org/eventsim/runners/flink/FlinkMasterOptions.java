package org.eventsim.runners.flink;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The FlinkRunner options the command reads itself, declared again here (as Beam allows) so that
 * Beam's runner stays a runtime dependency of this module.
 */
public interface FlinkMasterOptions extends PipelineOptions {
  @Description(
      "Address of the Flink master: HOST:PORT of a cluster's REST endpoint, or [auto] / [local]"
          + " for Flink embedded in this process.")
  @Default.String("[auto]")
  String getFlinkMaster();

  void setFlinkMaster(String value);

  @Description("The job's parallelism: -1 for the cluster's default, else at least 1.")
  @Default.Integer(-1)
  Integer getParallelism();

  void setParallelism(Integer value);

  @Description("The job's maximum parallelism (key groups): -1 for Flink's default, else at least 1.")
  @Default.Integer(-1)
  Integer getMaxParallelism();

  void setMaxParallelism(Integer value);

  @Description("Folder holding the Flink configuration (config.yaml).")
  String getFlinkConfDir();

  void setFlinkConfDir(String value);

  @Description("Interval between the job's checkpoints, in milliseconds; -1: none.")
  @Default.Long(-1L)
  Long getCheckpointingInterval();

  void setCheckpointingInterval(Long value);

  @Description("Interval of the sources' watermarks, in milliseconds (Flink's auto-watermark interval).")
  Long getAutoWatermarkInterval();

  void setAutoWatermarkInterval(Long value);
}
