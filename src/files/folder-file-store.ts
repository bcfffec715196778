/**
 * Files in a folder (by default `files/` in the server's data folder): `<root>/<2 hex>/<key>`,
 * spread over 256 sub-folders so none grows huge. Names are generated keys only.
 *
 * A file is written as `<root>/tmp/<key>.part`, flushed, then renamed to its key: a rename
 * within one file system is atomic, so a crash leaves at most a `.part` file (removed at the
 * next start) and never half a file under a real key.
 */
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { checkedKey, fileNotFound, measuring, newFileKey, type FileStore } from "./file-store.js";

export function folderFileStore(root: string): FileStore {
  const temporary = join(root, "tmp");
  const pathOf = (key: string) => join(root, key.slice(-2), key);
  let cleared: Promise<void> | undefined;
  // Left-over .part files are from uploads that never finished (a crash, a cut connection).
  const clearTemporary = () =>
    (cleared ??= (async () => {
      await mkdir(temporary, { recursive: true });
      for (const name of await readdir(temporary))
        if (name.endsWith(".part")) await rm(join(temporary, name), { force: true });
    })());

  return {
    description: `folder ${root}`,
    async put(body: Readable) {
      await clearTemporary();
      const key = newFileKey();
      const partial = join(temporary, `${key}.part`);
      const meter = measuring();
      try {
        await pipeline(body, meter, createWriteStream(partial, { flags: "wx" }));
        const handle = await open(partial, "r+");
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await mkdir(join(root, key.slice(-2)), { recursive: true });
        await rename(partial, pathOf(key));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { key, ...meter.result() };
    },
    async open(key: string) {
      const path = pathOf(checkedKey(key));
      // Opened before answering, so a missing file is NOT_FOUND rather than a broken stream.
      const handle = await open(path, "r").catch((error: NodeJS.ErrnoException) => {
        throw error.code === "ENOENT" ? fileNotFound(key) : error;
      });
      return handle.createReadStream();
    },
    async remove(key: string) {
      await rm(pathOf(checkedKey(key)), { force: true });
    },
  };
}
