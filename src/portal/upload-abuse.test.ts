/**
 * Uploads that try to abuse the portal, on the folder store and on an S3-compatible server
 * (s3rver on loopback), on both engines: each is refused with a clear error, or (a hostile name)
 * kept as a display name only; nothing is stored outside the storage root, no partial file is
 * left, and the database does not change.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePortalPractice } from "../test-support/portal-practice.js";
import { EVIL_JPG, filesUnder, multipartBody, PDF } from "../test-support/receipts.js";
import { snapshotStore } from "../test-support/seed.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import type { FileView } from "./entity-file-service.js";

const LIMIT = 64 * 1024;
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A Windows executable's first bytes (MZ, a DOS stub, the PE signature where e_lfanew points). */
const WINDOWS_EXE = (() => {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
})();
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const bigPdf = (size: number) => Buffer.concat([PDF.subarray(0, 16), Buffer.alloc(size, 0x20)]);

const STORES = ["folder", "s3"] as const;
const CASES = ENGINES.flatMap((engine) => STORES.map((store) => [engine, store] as const));

describe.each(CASES)("upload abuse on %s with the %s store", (engine, store) => {
  const settings: Record<string, unknown> = { uploadLimitBytes: String(LIMIT) };
  let s3: S3rver | undefined;
  let s3Dir = "";
  let lister: S3Client | undefined;
  // Before the server's own setup: it reads `settings` when it starts.
  beforeAll(async () => {
    if (store !== "s3") return;
    s3Dir = mkdtempSync(join(tmpdir(), "firmtime-s3rver-"));
    s3 = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: "portal" }],
    });
    const { port } = await s3.run();
    Object.assign(settings, {
      s3Bucket: "portal",
      s3Region: "us-east-1",
      s3Endpoint: `http://127.0.0.1:${port}`,
      s3AccessKeyId: "S3RVER",
      s3SecretAccessKey: "S3RVER",
    });
    lister = new S3Client({
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });
  const server = useTestServer(engine, undefined, settings);
  const p = usePortalPractice(server, "abuse");
  let address = "";
  beforeAll(async () => {
    address = await server.app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    lister?.destroy();
    await s3?.close();
    if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
  });

  /** What the store holds: object keys in the bucket, or every file under the folder. */
  const stored = async (): Promise<string[]> => {
    if (store === "folder") return filesUnder(server.filesDir);
    const listed = await lister!.send(new ListObjectsV2Command({ Bucket: "portal" }));
    return (listed.Contents ?? []).map((object) => object.Key!).sort();
  };
  const upload = (bytes: Buffer, name: string, type: string) => {
    const body = multipartBody([{ fileName: name, contentType: type, bytes }]);
    return server.app.inject({
      method: "POST",
      url: `/f/abuse/api/v1/clients/${p.clients.acme}/files`,
      headers: { ...p.headers.carla, ...body.headers },
      payload: body.payload,
    });
  };

  async function refusedUnchanged(
    bytes: Buffer,
    name: string,
    type: string,
    status: number,
    code: string,
    words: RegExp,
  ) {
    const [rows, files] = [await snapshotStore(server.deps.store.db), await stored()];
    const response = await upload(bytes, name, type);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    const problem = response.json<{ code: string; detail: string }>();
    expect(problem.code).toBe(code);
    expect(problem.detail).toMatch(words);
    expect(await snapshotStore(server.deps.store.db)).toEqual(rows);
    expect(await stored()).toEqual(files);
  }

  it("refuses a file over the size limit (413) and keeps no byte of it", async () => {
    await refusedUnchanged(
      bigPdf(LIMIT + 1),
      "big.pdf",
      "application/pdf",
      413,
      "PAYLOAD_TOO_LARGE",
      /at most 0\.1 MB/,
    );
  });

  it("refuses HTML named .pdf and executables named .jpg by their content (415)", async () => {
    await refusedUnchanged(
      EVIL_JPG,
      "return.pdf",
      "application/pdf",
      415,
      "FILE_TYPE_NOT_ALLOWED",
      /this file's content is none of those/,
    );
    await refusedUnchanged(
      WINDOWS_EXE,
      "photo.jpg",
      "image/jpeg",
      415,
      "FILE_TYPE_NOT_ALLOWED",
      /application\/x-msdownload/,
    );
    await refusedUnchanged(ELF, "scan.jpg", "image/jpeg", 415, "FILE_TYPE_NOT_ALLOWED", /application\/x-elf/);
  });

  it("refuses an empty file, saying so (415)", async () => {
    await refusedUnchanged(
      Buffer.alloc(0),
      "empty.pdf",
      "application/pdf",
      415,
      "FILE_TYPE_NOT_ALLOWED",
      /the file is empty/,
    );
  });

  it("keeps ../ and absolute names as display names only: the bytes go under a generated key in the store", async () => {
    const before = await stored();
    for (const [given, shown] of [
      ["../../evil.pdf", "evil.pdf"],
      ["/etc/passwd.pdf", "passwd.pdf"],
      ["..\\..\\windows.pdf", "windows.pdf"],
      ["..", "document.pdf"],
    ]) {
      const response = await upload(PDF, given!, "application/pdf");
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json<FileView>().name).toBe(shown);
    }
    const added = (await stored()).filter((key) => !before.includes(key));
    expect(added).toHaveLength(4);
    for (const key of added) expect(key.split("/").at(-1)).toMatch(KEY);
    expect(existsSync("/etc/passwd.pdf")).toBe(false);
    expect(existsSync(join(server.deps.config.dataDir, "..", "evil.pdf"))).toBe(false);
    expect(existsSync(join(server.deps.config.dataDir, "evil.pdf"))).toBe(false);
  });

  it("leaves no partial file and no row when an upload is cut off midway", async () => {
    const [rows, files] = [await snapshotStore(server.deps.store.db), await stored()];
    const body = multipartBody([
      { fileName: "cut.pdf", contentType: "application/pdf", bytes: bigPdf(40_000) },
    ]);
    const { hostname, port } = new URL(address);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        const head = [
          `POST /f/abuse/api/v1/clients/${p.clients.acme}/files HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          `Cookie: ${p.headers.carla.cookie}`,
          `X-CSRF-Token: ${p.headers.carla["x-csrf-token"]}`,
          `Content-Type: ${body.headers["content-type"]}`,
          `Content-Length: ${body.payload.length}`,
          "",
          "",
        ].join("\r\n");
        socket.write(head);
        // Half the body, then the connection drops.
        socket.write(body.payload.subarray(0, Math.floor(body.payload.length / 2)), () => {
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
      });
      socket.on("error", reject);
    });
    // The server notices and cleans up: nothing new stays, wherever the bytes went meanwhile.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && JSON.stringify(await stored()) !== JSON.stringify(files))
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stored()).toEqual(files);
    expect(await snapshotStore(server.deps.store.db)).toEqual(rows);
  });
});
