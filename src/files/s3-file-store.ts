/**
 * Files in an S3-compatible bucket (AWS S3, or MinIO, Ceph, R2... at --s3-endpoint): one object
 * per key, under `files/<key>`.
 *
 * Uploads stream through @aws-sdk/lib-storage (one PutObject for a small file, a multipart upload
 * for a large one): S3 makes an object visible only when its upload completes, and a failed
 * multipart upload is aborted, so no half object ever sits under a key.
 *
 * The SDK's default request checksums (CRC32 trailers on streamed bodies) corrupt or fail streamed
 * uploads to S3-compatible servers that are not AWS: checksums are sent and checked only when an
 * operation requires them.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { checkedKey, fileNotFound, measuring, newFileKey, type FileStore } from "./file-store.js";

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server; none: AWS S3. */
  endpoint?: string;
  /** Both or neither; neither: the SDK's default chain (AWS_* variables, instance roles). */
  accessKeyId?: string;
  secretAccessKey?: string;
}

const objectKey = (key: string) => `files/${checkedKey(key)}`;

export function s3FileStore(settings: S3Settings): FileStore {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint
      ? // Other servers rarely have per-bucket host names: address buckets by path.
        { endpoint: settings.endpoint, forcePathStyle: true }
      : {}),
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const { bucket } = settings;

  return {
    description: `S3 bucket ${bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ""}`,
    async put(body: Readable) {
      const key = newFileKey();
      const meter = measuring();
      body.once("error", (error) => meter.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: objectKey(key), Body: body.pipe(meter) },
        leavePartsOnError: false,
      });
      await upload.done();
      return { key, ...meter.result() };
    },
    async open(key: string) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        if (!(answer.Body instanceof Readable)) throw new TypeError("the S3 client gave no Node.js stream");
        return answer.Body;
      } catch (error) {
        if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === "NotFound"))
          throw fileNotFound(key);
        throw error;
      }
    },
    async remove(key: string) {
      // Deleting an object that is not there succeeds in S3.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
    close: () => client.destroy(),
  };
}
