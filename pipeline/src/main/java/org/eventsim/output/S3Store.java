package org.eventsim.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.sink.StoreWriter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A prefix of an S3 bucket (or of an S3-compatible store). An upload appears whole when it
 * completes, so files are composed straight into place; a rename copies every byte, so a run writes
 * in place; a folder is only the prefix of its files. A file is created exclusively with a
 * conditional upload ({@code If-None-Match: *}), which S3 and the usual S3-compatible stores honour.
 */
final class S3Store extends Store {
  private final S3Client client;

  /** How long the check that the bucket is there may take, in all: an endpoint that hangs is refused by then. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

  /**
   * The store of {@code folder}, whose bucket must exist and answer within {@link #CHECK_TIMEOUT}
   * (the SDK's own retries would wait two minutes on an endpoint that accepts and never answers).
   *
   * @throws FileNotFoundException when the bucket does not exist
   */
  S3Store(ResourceId folder, PipelineOptions options) throws IOException {
    client = S3Writer.newClient(options);
    String bucket = URI.create(folder.toString()).getAuthority();
    try {
      client.headBucket(
          HeadBucketRequest.builder()
              .bucket(bucket)
              .overrideConfiguration(
                  o -> o.apiCallTimeout(CHECK_TIMEOUT).apiCallAttemptTimeout(CHECK_TIMEOUT.dividedBy(2)))
              .build());
    } catch (NoSuchBucketException e) {
      throw new FileNotFoundException("no bucket " + bucket + " on this store");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new FileNotFoundException("no bucket " + bucket + " on this store");
      }
      throw new IOException(e.getMessage(), e);
    } catch (SdkException e) {
      // the SDK has no type of its own for missing credentials; its message lists every provider
      if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
        throw new IOException(
            "no credentials for S3 (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or the"
                + " machine's role)");
      }
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  boolean createNew(ResourceId file, byte[] bytes) throws IOException {
    URI uri = URI.create(file.toString());
    try {
      client.putObject(
          PutObjectRequest.builder()
              .bucket(uri.getAuthority())
              .key(S3Writer.key(uri))
              .overrideConfiguration(o -> o.putHeader("If-None-Match", "*"))
              .build(),
          RequestBody.fromBytes(bytes));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        return false; // exists, or another upload of it is under way
      }
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  void deleteTree(ResourceId folder) throws IOException {
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : match(folder + "**")) {
      files.add(m.resourceId());
    }
    delete(files);
  }

  @Override
  boolean renamesAreCheap() {
    return false;
  }

  @Override
  StoreWriter writer() {
    return new S3Writer();
  }
}
