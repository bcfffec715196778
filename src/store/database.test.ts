import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createFirm } from "../firm-setup/firm-service.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { fixedClock } from "./clock.js";
import { createFirmFile, openFirmFile } from "./database.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("firm files", () => {
  it("creates a firm file that opens again, with its firm", async () => {
    const path = join(dir, "books.firm");
    const created = await createFirmFile(path);
    const firm = await createFirm(created.db, fixedClock("2026-06-15T12:00:00Z"), { name: "Books & Co" });
    await created.close();
    const opened = await openFirmFile(path);
    try {
      expect(await findOnlyFirm(opened.db)).toEqual(firm);
    } finally {
      await opened.close();
    }
  });

  it("opens a firm file that another connection still has open", async () => {
    const path = join(dir, "shared.firm");
    const created = await createFirmFile(path);
    try {
      await createFirm(created.db, fixedClock("2026-06-15T12:00:00Z"), { name: "Shared" });
      const second = await openFirmFile(path);
      try {
        expect((await findOnlyFirm(second.db)).name).toBe("Shared");
      } finally {
        await second.close();
      }
    } finally {
      await created.close();
    }
  });

  it("names a missing path FILE_NOT_FOUND", async () => {
    const path = join(dir, "missing.firm");
    await expect(openFirmFile(path)).rejects.toMatchObject({
      code: "FILE_NOT_FOUND",
      message: `${path} does not exist (create a firm file with: firmtime init ${path} --firm NAME)`,
    });
    expect(existsSync(path)).toBe(false);
  });

  it("refuses a file that is not SQLite", async () => {
    const path = join(dir, "notes.txt");
    writeFileSync(
      path,
      "just some notes, long enough to fill a SQLite header and then some more text ".repeat(3),
    );
    await expect(openFirmFile(path)).rejects.toMatchObject({
      code: "NOT_A_FIRM_FILE",
      message: `${path} is not a firmtime firm file`,
    });
    const empty = join(dir, "empty.firm");
    writeFileSync(empty, "");
    await expect(openFirmFile(empty)).rejects.toMatchObject({ code: "NOT_A_FIRM_FILE" });
  });

  it("refuses a directory", async () => {
    await expect(openFirmFile(dir)).rejects.toMatchObject({ code: "NOT_A_FIRM_FILE" });
  });

  it("refuses a SQLite database that is not a firm file, and leaves it untouched", async () => {
    const path = join(dir, "other.sqlite");
    const other = new BetterSqlite3(path);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    other.close();
    await expect(openFirmFile(path)).rejects.toMatchObject({
      code: "NOT_A_FIRM_FILE",
      message: `${path} is not a firmtime firm file`,
    });
    const check = new BetterSqlite3(path, { readonly: true });
    const tables = check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    check.close();
    expect(tables).toEqual(["notes"]);
  });

  it("refuses to init over an existing path", async () => {
    const path = join(dir, "taken.firm");
    writeFileSync(path, "precious");
    await expect(createFirmFile(path)).rejects.toMatchObject({
      code: "FILE_EXISTS",
      message: `${path} already exists; init only creates new firm files`,
    });
    const nested = join(dir, "no-such-folder", "new.firm");
    await expect(createFirmFile(nested)).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    const existing = join(dir, "books.firm");
    await expect(createFirmFile(existing)).rejects.toMatchObject({ code: "FILE_EXISTS" });
  });
});
