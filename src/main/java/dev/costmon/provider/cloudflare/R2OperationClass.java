package dev.costmon.provider.cloudflare;

import java.util.Map;
import java.util.Optional;

/**
 * How R2 bills an operation, by its {@code actionType} in the analytics: class A (mutating, listing),
 * class B (reading) or free. From https://developers.cloudflare.com/r2/pricing/ (Class A operations,
 * Class B operations, Free operations), read 2026-11.
 */
enum R2OperationClass {
  CLASS_A,
  CLASS_B,
  FREE;

  private static final Map<String, R2OperationClass> BY_ACTION = Map.ofEntries(
      Map.entry("ListBuckets", CLASS_A),
      Map.entry("PutBucket", CLASS_A),
      Map.entry("ListObjects", CLASS_A),
      Map.entry("PutObject", CLASS_A),
      Map.entry("CopyObject", CLASS_A),
      Map.entry("CompleteMultipartUpload", CLASS_A),
      Map.entry("CreateMultipartUpload", CLASS_A),
      Map.entry("LifecycleStorageTierTransition", CLASS_A),
      Map.entry("ListMultipartUploads", CLASS_A),
      Map.entry("UploadPart", CLASS_A),
      Map.entry("UploadPartCopy", CLASS_A),
      Map.entry("ListParts", CLASS_A),
      Map.entry("PutBucketEncryption", CLASS_A),
      Map.entry("PutBucketCors", CLASS_A),
      Map.entry("PutBucketLifecycleConfiguration", CLASS_A),
      Map.entry("HeadBucket", CLASS_B),
      Map.entry("HeadObject", CLASS_B),
      Map.entry("GetObject", CLASS_B),
      Map.entry("UsageSummary", CLASS_B),
      Map.entry("GetBucketEncryption", CLASS_B),
      Map.entry("GetBucketLocation", CLASS_B),
      Map.entry("GetBucketCors", CLASS_B),
      Map.entry("GetBucketLifecycleConfiguration", CLASS_B),
      Map.entry("DeleteObject", FREE),
      Map.entry("DeleteBucket", FREE),
      Map.entry("AbortMultipartUpload", FREE));

  /** The class of an action; empty for one the price list does not name. */
  static Optional<R2OperationClass> of(String actionType) {
    return Optional.ofNullable(BY_ACTION.get(actionType));
  }
}
