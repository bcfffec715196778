/**
 * The file store the configuration names: the S3-compatible bucket of --s3-bucket, else the
 * `files` folder in the data folder. The AWS SDK loads only when a bucket is configured.
 */
import { join } from "node:path";
import type { ServerConfig } from "../config/config.js";
import type { FileStore } from "./file-store.js";
import { folderFileStore } from "./folder-file-store.js";

export const FILES_FOLDER = "files";

export async function openFileStore(
  config: Pick<
    ServerConfig,
    "dataDir" | "s3Bucket" | "s3Endpoint" | "s3Region" | "s3AccessKeyId" | "s3SecretAccessKey"
  >,
): Promise<FileStore> {
  if (!config.s3Bucket) return folderFileStore(join(config.dataDir, FILES_FOLDER));
  const { s3FileStore } = await import("./s3-file-store.js");
  return s3FileStore({
    bucket: config.s3Bucket,
    region: config.s3Region,
    endpoint: config.s3Endpoint,
    accessKeyId: config.s3AccessKeyId,
    secretAccessKey: config.s3SecretAccessKey,
  });
}
