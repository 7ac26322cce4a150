package org.eventsim.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.InstanceBuilder;
import org.eventsim.sink.StoreWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes on S3 (or an S3-compatible store) with its own API, through the clients Beam's options
 * describe ({@link S3CompatibleClientFactory}):
 *
 * <ul>
 *   <li>a whole file is one upload (the pieces of the sort are in memory already, at most 2 GiB);
 *   <li>a file made of pieces is one multipart upload whose parts the store copies itself from
 *       the pieces ({@code UploadPartCopy}) wherever they are big enough for a part (5 MiB), so
 *       the bytes of big pieces never pass through the worker; runs of small pieces are read and
 *       uploaded as one part. At most one part (16 MiB) is held in memory.
 * </ul>
 *
 * An upload appears whole when it completes; a failed one is aborted, and a retry uploads again.
 */
final class S3Writer implements StoreWriter {
  private static final long serialVersionUID = 1L;
  /** S3's smallest part but for the last. */
  static final long MIN_PART = 5L << 20;
  /** The part size of uploaded runs of small pieces. */
  private static final int UPLOAD_PART = 16 << 20;
  /** S3's largest part (copied ranges are cut at it). */
  private static final long MAX_PART = 5L << 30;

  private transient S3Client client;

  /** An upload appears whole when it completes. */
  @Override
  public boolean createIsAtomic() {
    return true;
  }

  @Override
  public void write(ResourceId file, byte[] bytes, PipelineOptions options) throws IOException {
    URI uri = URI.create(file.toString());
    try {
      client(options)
          .putObject(
              PutObjectRequest.builder().bucket(uri.getAuthority()).key(key(uri)).build(),
              RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new IOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void compose(
      List<ResourceId> pieces, ResourceId target, boolean ownPieces, ResourceId scratch, PipelineOptions options)
      throws IOException {
    S3Client s3 = client(options);
    URI to = URI.create(target.toString());
    String upload;
    try {
      upload =
          s3.createMultipartUpload(
                  CreateMultipartUploadRequest.builder().bucket(to.getAuthority()).key(key(to)).build())
              .uploadId();
    } catch (SdkException e) {
      throw new IOException("could not start writing " + target + ": " + e.getMessage(), e);
    }
    try {
      Parts parts = new Parts(s3, to, upload);
      for (ResourceId piece : pieces) {
        URI from = URI.create(piece.toString());
        long size =
            s3.headObject(HeadObjectRequest.builder().bucket(from.getAuthority()).key(key(from)).build())
                .contentLength();
        long at = 0;
        if (parts.buffered() > 0 && parts.buffered() < MIN_PART) {
          // a part in the making reaches the minimum first; a piece that would leave less than a
          // part after that goes into it whole (less than two minimum parts)
          long fill = MIN_PART - parts.buffered();
          long take = size - fill >= MIN_PART ? fill : size;
          parts.append(read(s3, from, 0, take));
          at = take;
        }
        while (size - at >= MIN_PART) {
          long length = Math.min(MAX_PART, size - at);
          if (size - at - length > 0 && size - at - length < MIN_PART) {
            length -= MIN_PART; // leave a tail big enough to be a part of its own
          }
          parts.copy(from, at, at + length);
          at += length;
        }
        if (at < size) {
          parts.append(read(s3, from, at, size - at));
        }
      }
      parts.finish();
    } catch (SdkException e) {
      try {
        s3.abortMultipartUpload(
            AbortMultipartUploadRequest.builder().bucket(to.getAuthority()).key(key(to)).uploadId(upload).build());
      } catch (SdkException ignored) {
        // the store drops unfinished uploads in time
      }
      throw new IOException("could not write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The parts of one multipart upload, in order. */
  private static final class Parts {
    private final S3Client s3;
    private final URI to;
    private final String upload;
    private final List<CompletedPart> done = new ArrayList<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Parts(S3Client s3, URI to, String upload) {
      this.s3 = s3;
      this.to = to;
      this.upload = upload;
    }

    int buffered() {
      return buffer.size();
    }

    void append(byte[] bytes) {
      buffer.writeBytes(bytes);
      if (buffer.size() >= UPLOAD_PART) {
        flush();
      }
    }

    void copy(URI from, long start, long end) {
      flush();
      add(
          s3.uploadPartCopy(
                  UploadPartCopyRequest.builder()
                      .sourceBucket(from.getAuthority())
                      .sourceKey(key(from))
                      .copySourceRange("bytes=" + start + "-" + (end - 1))
                      .destinationBucket(to.getAuthority())
                      .destinationKey(key(to))
                      .uploadId(upload)
                      .partNumber(done.size() + 1)
                      .build())
              .copyPartResult()
              .eTag());
    }

    void flush() {
      if (buffer.size() > 0) {
        upload(RequestBody.fromBytes(buffer.toByteArray()));
        buffer.reset();
      }
    }

    private void upload(RequestBody bytes) {
      add(
          s3.uploadPart(
                  UploadPartRequest.builder()
                      .bucket(to.getAuthority())
                      .key(key(to))
                      .uploadId(upload)
                      .partNumber(done.size() + 1)
                      .build(),
                  bytes)
              .eTag());
    }

    /** Records the next part, by its entity tag. */
    private void add(String etag) {
      done.add(CompletedPart.builder().partNumber(done.size() + 1).eTag(etag).build());
    }

    void finish() {
      flush();
      if (done.isEmpty()) {
        upload(RequestBody.empty()); // an empty file: a multipart upload needs a part
      }
      s3.completeMultipartUpload(
          CompleteMultipartUploadRequest.builder()
              .bucket(to.getAuthority())
              .key(key(to))
              .uploadId(upload)
              .multipartUpload(CompletedMultipartUpload.builder().parts(done).build())
              .build());
    }
  }

  private static byte[] read(S3Client s3, URI from, long start, long length) {
    if (length == 0) {
      return new byte[0];
    }
    return s3.getObject(
            GetObjectRequest.builder()
                .bucket(from.getAuthority())
                .key(key(from))
                .range("bytes=" + start + "-" + (start + length - 1))
                .build(),
            ResponseTransformer.toBytes())
        .asByteArray();
  }

  /** The object key of an {@code s3://bucket/key} location. */
  static String key(URI uri) {
    return uri.getPath().substring(1);
  }

  private S3Client client(PipelineOptions options) {
    if (client == null) {
      client = newClient(options);
    }
    return client;
  }

  /** A client as Beam's S3 file system builds them from {@code options}. */
  static S3Client newClient(PipelineOptions options) {
    S3Options s3 = options.as(S3Options.class);
    return InstanceBuilder.ofType(S3ClientBuilderFactory.class)
        .fromClass(s3.getS3ClientFactoryClass())
        .build()
        .createBuilder(s3)
        .build();
  }
}
