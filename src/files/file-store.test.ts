/**
 * One contract, two file stores: the folder (the default) and an S3-compatible bucket, here a
 * local s3rver on 127.0.0.1 (a free port, stopped after the tests).
 */
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileStore } from "./file-store.js";
import { folderFileStore } from "./folder-file-store.js";
import { s3FileStore } from "./s3-file-store.js";

interface Subject {
  files: FileStore;
  /** Every name the store holds (file paths or object keys), to prove nothing was left behind. */
  stored(): Promise<string[]>;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A stream of `bytes` in small chunks, failing after `failAfter` bytes if given. */
function chunked(bytes: Buffer, failAfter?: number): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && offset >= failAfter) {
        this.destroy(new Error("the client went away"));
        return;
      }
      if (offset >= bytes.length) return void this.push(null);
      this.push(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

function useFolderStore(): Subject {
  const subject = {} as Subject;
  let root = "";
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "firmtime-files-"));
    subject.files = folderFileStore(root);
    subject.stored = () =>
      Promise.resolve(
        readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1)),
      );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return subject;
}

function useS3Store(): Subject {
  const subject = {} as Subject;
  let server: S3rver;
  let dir = "";
  let lister: S3Client;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "firmtime-s3rver-"));
    server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: "receipts" }],
    });
    const { port } = await server.run();
    const settings = {
      bucket: "receipts",
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
    };
    subject.files = s3FileStore(settings);
    lister = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    subject.stored = async () => {
      const listed = await lister.send(new ListObjectsV2Command({ Bucket: "receipts" }));
      return (listed.Contents ?? []).map((object) => object.Key!);
    };
  });
  afterAll(async () => {
    subject.files?.close?.();
    lister?.destroy();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return subject;
}

describe.each([
  ["a folder", useFolderStore],
  ["an S3-compatible bucket", useS3Store],
])("the file store in %s", (_where, use) => {
  const subject = use();

  it("stores a stream under a new key, with its size and SHA-256, and gives the same bytes back", async () => {
    const bytes = randomBytes(200_000);
    const stored = await subject.files.put(chunked(bytes));
    expect(stored.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored).toEqual({ key: stored.key, size: 200_000, sha256: sha256(bytes) });
    expect(sha256(await buffer(await subject.files.open(stored.key)))).toBe(sha256(bytes));
    const again = await subject.files.put(chunked(bytes));
    expect(again.key).not.toBe(stored.key);
    await subject.files.remove(stored.key);
    await subject.files.remove(again.key);
  });

  it("streams a file larger than one upload part (6 MB) intact", async () => {
    const bytes = randomBytes(6 * 1024 * 1024 + 123);
    const stored = await subject.files.put(chunked(bytes));
    expect(stored.size).toBe(bytes.length);
    expect(stored.sha256).toBe(sha256(bytes));
    expect(sha256(await buffer(await subject.files.open(stored.key)))).toBe(sha256(bytes));
    await subject.files.remove(stored.key);
  });

  it("stores an empty file", async () => {
    const stored = await subject.files.put(Readable.from([]));
    expect(stored.size).toBe(0);
    expect((await buffer(await subject.files.open(stored.key))).length).toBe(0);
    await subject.files.remove(stored.key);
  });

  it("leaves nothing behind when the incoming stream fails part-way", async () => {
    const before = await subject.stored();
    await expect(subject.files.put(chunked(randomBytes(300_000), 128 * 1024))).rejects.toThrow(/went away/);
    expect(await subject.stored()).toEqual(before);
  });

  it("removes a file for good, and removing it again succeeds", async () => {
    const stored = await subject.files.put(Readable.from([Buffer.from("receipt")]));
    await subject.files.remove(stored.key);
    await expect(subject.files.open(stored.key)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(subject.files.remove(stored.key)).resolves.toBeUndefined();
  });

  it("finds nothing under a key it did not make: unknown, or a path", async () => {
    for (const key of ["01900000-0000-7000-8000-000000000000", "../../etc/passwd", "tmp/x.part", ""])
      await expect(subject.files.open(key), key).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(subject.files.remove("../secret")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the folder file store", () => {
  it("names files by key only, and clears uploads a crash left half-written", async () => {
    const root = mkdtempSync(join(tmpdir(), "firmtime-files-"));
    try {
      mkdirSync(join(root, "tmp"));
      writeFileSync(join(root, "tmp", "01900000-0000-7000-8000-000000000001.part"), "half a file");
      const files = folderFileStore(root);
      const stored = await files.put(Readable.from([Buffer.from("%PDF-1.4 whole")]));
      const names = readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
      expect(names).toEqual([join(stored.key.slice(-2), stored.key)]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
