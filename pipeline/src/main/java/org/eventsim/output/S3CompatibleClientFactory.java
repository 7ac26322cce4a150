package org.eventsim.output;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 clients of Beam's S3 file system (and of the output's own few calls), as Beam's default
 * factory builds them from the options — endpoint, region, credentials from the AWS SDK's default
 * chain, HTTP settings — with two changes:
 *
 * <ul>
 *   <li>path-style addressing when an endpoint is given: S3-compatible stores serve {@code
 *       http://host:port/bucket/key}, not bucket subdomains;
 *   <li>Beam sends {@code x-amz-server-side-encryption-bucket-key-enabled: false} with every upload
 *       (its option's default), which asks for nothing but which stores without server-side
 *       encryption, such as S3Proxy, refuse with "501 Not Implemented": the setting is dropped when
 *       it is false.
 * </ul>
 *
 * Named by class in the pipeline options, so the workers of a cluster build the same clients.
 */
public final class S3CompatibleClientFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder builder = new DefaultS3ClientBuilderFactory().createBuilder(options);
    if (options.getEndpoint() != null) {
      builder.forcePathStyle(true);
    }
    ClientOverrideConfiguration existing = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder override =
        existing == null ? ClientOverrideConfiguration.builder() : existing.toBuilder();
    return builder.overrideConfiguration(override.addExecutionInterceptor(new DropBucketKeyFalse()).build());
  }

  /** Removes a bucket-key setting of false from uploads and copies. */
  static final class DropBucketKeyFalse implements ExecutionInterceptor {
    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      SdkRequest r = context.request();
      if (r instanceof CreateMultipartUploadRequest m && Boolean.FALSE.equals(m.bucketKeyEnabled())) {
        return m.toBuilder().bucketKeyEnabled(null).build();
      } else if (r instanceof PutObjectRequest p && Boolean.FALSE.equals(p.bucketKeyEnabled())) {
        return p.toBuilder().bucketKeyEnabled(null).build();
      } else if (r instanceof CopyObjectRequest c && Boolean.FALSE.equals(c.bucketKeyEnabled())) {
        return c.toBuilder().bucketKeyEnabled(null).build();
      }
      return r;
    }
  }
}
