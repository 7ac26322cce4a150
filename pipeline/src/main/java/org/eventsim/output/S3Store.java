package org.eventsim.output;

import java.io.IOException;
import java.net.URI;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.sink.StoreWriter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A prefix of an S3 bucket (or of an S3-compatible store). An upload appears whole when it
 * completes, so files are composed straight into place; a rename copies every byte, so a run writes
 * in place. A file is created exclusively with a conditional upload ({@code If-None-Match: *}),
 * which S3 and the usual S3-compatible stores honour.
 */
final class S3Store extends ObjectStore {
  private final S3Client client;

  S3Store(PipelineOptions options) {
    client = S3Writer.newClient(options);
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
  StoreWriter writer() {
    return new S3Writer();
  }
}
