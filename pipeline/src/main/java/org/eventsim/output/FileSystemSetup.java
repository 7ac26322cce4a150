package org.eventsim.output;

import java.net.URI;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * Sets up Beam's file systems for an output location, in the pipeline options (so that a cluster's
 * workers get the same), before the pipeline is created:
 *
 * <ul>
 *   <li>{@code hdfs://HOST:PORT/path}: unless a Hadoop configuration is given ({@code
 *       HADOOP_CONF_DIR} or {@code YARN_CONF_DIR}, which Beam reads, or {@code
 *       --hdfsConfiguration}), one whose {@code fs.defaultFS} is the location's NameNode — Beam
 *       registers the {@code hdfs} scheme only then — and whose client gives up on an unreachable
 *       or hung NameNode within seconds, not minutes;
 *   <li>{@code s3://bucket/prefix}: clients from {@link S3CompatibleClientFactory}; with {@code
 *       --s3-endpoint}, that endpoint (path-style), in us-east-1 unless the AWS SDK's default chain
 *       names a region; a 16 MB upload part (Beam's default of 64 MB per open upload is much for the
 *       many small files of a run, and 16 MB parts still allow files of 160 GB).
 * </ul>
 */
public final class FileSystemSetup {
  private static final int S3_UPLOAD_PART_BYTES = 16 << 20;

  private FileSystemSetup() {}

  /** Configures {@code options} for writing to {@code location} ({@code --out}). */
  public static void configure(PipelineOptions options, Location location, String s3Endpoint) {
    if (location.store() == Location.StoreKind.HDFS) {
      HadoopFileSystemOptions hdfs = options.as(HadoopFileSystemOptions.class);
      if (hdfs.getHdfsConfiguration() == null || hdfs.getHdfsConfiguration().isEmpty()) {
        hdfs.setHdfsConfiguration(List.of(hdfsConfiguration(location.hdfsAuthority())));
      }
    }
    S3Options s3 = options.as(S3Options.class);
    s3.setS3ClientFactoryClass(S3CompatibleClientFactory.class);
    if (s3.getS3UploadBufferSizeBytes() == null) {
      s3.setS3UploadBufferSizeBytes(S3_UPLOAD_PART_BYTES);
    }
    if (s3Endpoint != null) {
      s3.setEndpoint(URI.create(s3Endpoint));
    }
    if ((s3Endpoint != null || location.store() != Location.StoreKind.S3) && !regionConfigured()) {
      // Beam sets up its S3 file system for every run; without a region it would ask the EC2
      // metadata service for one, which costs about a second off EC2. An S3-compatible store
      // takes any region; for AWS's own S3 the default chain (EC2's region included) decides.
      s3.setAwsRegion(Region.US_EAST_1);
    }
  }

  /** The client configuration of the NameNode at {@code authority} ({@code HOST[:PORT]}). */
  static Configuration hdfsConfiguration(String authority) {
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", "hdfs://" + authority);
    // An unreachable NameNode: one quick connection attempt, not ten with back-off.
    conf.set("ipc.client.connect.max.retries", "1");
    conf.set("ipc.client.connect.max.retries.on.timeouts", "1");
    conf.set("ipc.client.connect.retry.interval", "500");
    conf.set("ipc.client.connect.timeout", "5000");
    // A NameNode or DataNode that accepts and never answers: 30 s, not 120 s.
    conf.set("ipc.client.rpc-timeout.ms", "30000");
    conf.set("dfs.client.socket-timeout", "30000");
    // Closing a file waits until the NameNode hears of its last block from the DataNode; the
    // client asks again after 400 ms by default, which made a run of many small files wait for
    // minutes. Ask again sooner (the wait still doubles on each try).
    conf.set("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");
    return conf;
  }

  /** Whether AWS_REGION, the aws.region property or a profile names a region (not asking EC2). */
  private static boolean regionConfigured() {
    try {
      return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
              .getRegion()
          != null;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
