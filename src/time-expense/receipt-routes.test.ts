/**
 * Expense receipts over real HTTP (the server listening on 127.0.0.1, fetch with FormData), on
 * both engines: what is accepted (by content), what is refused and leaves nothing behind, who may
 * do what, and where the bytes go when a receipt or its entry is deleted.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countQueuedFileDeletions, sweepFileDeletions } from "../files/file-deletion.js";
import { callerOf, usePractice, type Person } from "../test-support/practice-server.js";
import { bigJpeg, EVIL_JPG, filesUnder, HEIC, JPEG, PDF, PNG } from "../test-support/receipts.js";
import { snapshotStore } from "../test-support/seed.js";
import { signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { findFirmBySlug } from "../firm-setup/firm-store.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { addExpenseEntry, deleteExpenseEntry } from "./expense-entry-service.js";
import { setEntryStatus } from "./status-service.js";

const LIMIT = 64 * 1024;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

interface ReceiptAnswer {
  id: string;
  entryId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

describe.each(ENGINES)("expense receipts over HTTP on %s", (engine) => {
  const server = useTestServer(engine, undefined, { uploadLimitBytes: String(LIMIT) });
  const p = usePractice(server, "receipts");
  let base = "";
  let address = "";
  const headers = {} as Record<Person, Record<string, string>>;

  beforeAll(async () => {
    address = await server.app.listen({ host: "127.0.0.1", port: 0 });
    base = `${address}/f/receipts/api/v1`;
    for (const [who, email] of Object.entries({
      jane: "jane@receipts.test",
      al: "al@receipts.test",
      cara: "cara@receipts.test",
      vera: "vera@receipts.test",
      connie: "connie@receipts.test",
      admin: "admin@receipts.test",
    }))
      headers[who as Person] = (await signIn(server, "receipts", email)).headers;
  });
  afterAll(async () => {
    await server.app.close();
  });

  const receiptsOf = (entryId: string) => `${base}/expense-entries/${entryId}/receipts`;

  function upload(who: Person, entryId: string, bytes: Buffer, fileName: string, type = "image/jpeg") {
    const form = new FormData();
    form.append("file", new Blob([bytes], { type }), fileName);
    return fetch(receiptsOf(entryId), { method: "POST", headers: headers[who], body: form });
  }
  const get = (who: Person, url: string) => fetch(url, { headers: headers[who] });
  const remove = (who: Person, url: string) => fetch(url, { method: "DELETE", headers: headers[who] });

  /** A fresh draft expense entry of jane's on ACME. */
  const freshEntry = async () =>
    (
      await addExpenseEntry(server.deps.store.db, p.scope, {
        staff: p.staff.jane,
        client: p.clients.acme,
        workCode: p.workCodes.mile,
        date: "2026-06-05",
        quantity: 1000,
      })
    ).id;

  /** Sends a request that must be refused with `status` and `code`, and checks that nothing changed. */
  async function refusedUnchanged(send: () => Promise<Response>, status: number, code: string) {
    const before = await snapshotStore(server.deps.store.db);
    const files = filesUnder(server.filesDir);
    const response = await send();
    const body = await response.text();
    expect(response.status, body).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(JSON.parse(body)).toMatchObject({ code });
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
    expect(filesUnder(server.filesDir)).toEqual(files);
  }

  it("documents the upload and the download in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${address}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const receipts = doc.paths["/f/{firm}/api/v1/expense-entries/{id}/receipts"]!;
    expect(receipts.post).toMatchObject({
      summary: "Attach a receipt to an expense entry",
      requestBody: {
        content: {
          "multipart/form-data": { schema: { properties: { file: { type: "string", format: "binary" } } } },
        },
      },
    });
    const content = doc.paths["/f/{firm}/api/v1/expense-entries/{id}/receipts/{receiptId}/content"]!.get!;
    expect(Object.keys((content.responses as Record<string, { content: object }>)["200"]!.content)).toEqual([
      "image/jpeg",
      "image/png",
      "image/heic",
      "image/heif",
      "image/webp",
      "application/pdf",
    ]);
    expect(String(receipts.get!.description)).toMatch(/stay on the server they were uploaded to/);
  });

  it("accepts real JPEG, PNG, HEIC and PDF files by content, and gives back the very bytes", async () => {
    const entry = await freshEntry();
    const cases = [
      { bytes: JPEG, name: "lunch.jpg", type: "image/jpeg", ext: "jpg" },
      { bytes: PNG, name: "taxi.png", type: "image/png", ext: "png" },
      // Phones send HEIC with a generic declared type: the content decides.
      { bytes: HEIC, name: "IMG_0042.HEIC", type: "application/octet-stream", ext: "heic" },
      { bytes: PDF, name: "hotel invoice.pdf", type: "application/pdf", ext: "pdf" },
    ];
    for (const file of cases) {
      const response = await upload("jane", entry, file.bytes, file.name, file.type);
      const receipt = (await response.json()) as ReceiptAnswer;
      expect(response.status, JSON.stringify(receipt)).toBe(201);
      expect(receipt).toMatchObject({
        entryId: entry,
        fileName: file.name,
        size: file.bytes.length,
        sha256: sha256(file.bytes),
        uploadedBy: "jane@receipts.test",
      });
      expect(receipt.mediaType).toBe(file.ext === "heic" ? "image/heic" : file.type);

      const download = await get("jane", `${receiptsOf(entry)}/${receipt.id}/content`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(file.bytes)).toBe(true);
      expect(download.headers.get("content-type")).toBe(receipt.mediaType);
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      const stem = file.name.replace(/\.[^.]*$/, "");
      expect(download.headers.get("content-disposition")).toBe(
        `attachment; filename="${stem}.${file.ext}"; filename*=UTF-8''${encodeURIComponent(`${stem}.${file.ext}`)}`,
      );
    }
    const list = (await (await get("jane", receiptsOf(entry))).json()) as { items: ReceiptAnswer[] };
    expect(list.items.map((item) => item.fileName)).toEqual(cases.map((file) => file.name));
    // Stored under generated keys only: no uploader's name reaches the folder.
    const stored = filesUnder(server.filesDir).join("\n");
    for (const file of cases) expect(stored).not.toContain(file.name.replace(/\.[^.]*$/, ""));
  });

  it("refuses a text file named like a photo (evil.jpg holding HTML), storing nothing", async () => {
    const entry = await freshEntry();
    await refusedUnchanged(() => upload("jane", entry, EVIL_JPG, "evil.jpg"), 415, "FILE_TYPE_NOT_ALLOWED");
    await refusedUnchanged(
      () => upload("jane", entry, Buffer.alloc(0), "empty.pdf", "application/pdf"),
      415,
      "FILE_TYPE_NOT_ALLOWED",
    );
  });

  it("answers 413 to a file over the upload limit, and leaves no file on disk", async () => {
    const entry = await freshEntry();
    await refusedUnchanged(
      () => upload("jane", entry, bigJpeg(LIMIT + 1), "huge.jpg"),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect(filesUnder(server.filesDir).filter((name) => name.startsWith("tmp"))).toEqual([]);
    // Exactly the limit is accepted.
    expect((await upload("jane", entry, bigJpeg(LIMIT - 20), "just-fits.jpg")).status).toBe(201);
  });

  it("refuses a body that is not multipart, and a form without a file", async () => {
    const entry = await freshEntry();
    await refusedUnchanged(
      () =>
        fetch(receiptsOf(entry), {
          method: "POST",
          headers: { ...headers.jane, "content-type": "application/json" },
          body: JSON.stringify({ file: "lunch.jpg" }),
        }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    const form = new FormData();
    form.append("note", "no file here");
    await refusedUnchanged(
      () => fetch(receiptsOf(entry), { method: "POST", headers: headers.jane, body: form }),
      400,
      "VALIDATION",
    );
  });

  it("refuses another firm's entry, and a receipt of another entry, as not found", async () => {
    // An expense entry of the other firm, with a receipt of its own.
    const { db } = server.deps.store;
    const otherFirm = (await findFirmBySlug(db, "receipts-other"))!;
    const otherScope = { firm: otherFirm, clock: server.deps.clock, actor: "test" };
    const otherCode = await addWorkCode(db, otherScope, { code: "EXP", kind: "expense", name: "Expenses" });
    const otherEntry = await addExpenseEntry(db, otherScope, {
      staff: p.other.staff,
      client: p.other.client,
      workCode: otherCode.id,
      date: "2026-06-06",
      unitRate: 10_000,
    });
    const otherAdmin = (await signIn(server, "receipts-other", "admin@receipts-other.test")).headers;
    const form = new FormData();
    form.append("file", new Blob([JPEG], { type: "image/jpeg" }), "theirs.jpg");
    const theirs = await fetch(
      `${address}/f/receipts-other/api/v1/expense-entries/${otherEntry.id}/receipts`,
      {
        method: "POST",
        headers: otherAdmin,
        body: form,
      },
    );
    expect(theirs.status).toBe(201);
    const theirReceipt = (await theirs.json()) as ReceiptAnswer;

    await refusedUnchanged(() => upload("admin", otherEntry.id, JPEG, "x.jpg"), 404, "NOT_FOUND");
    expect((await get("admin", receiptsOf(otherEntry.id))).status).toBe(404);
    expect((await get("admin", `${receiptsOf(otherEntry.id)}/${theirReceipt.id}/content`)).status).toBe(404);
    await refusedUnchanged(
      () => remove("admin", `${receiptsOf(otherEntry.id)}/${theirReceipt.id}`),
      404,
      "NOT_FOUND",
    );
    // Another firm's record of another kind is no expense entry here either.
    await refusedUnchanged(() => upload("admin", p.other.timeEntry, JPEG, "x.jpg"), 404, "NOT_FOUND");

    // A receipt is found only under its own entry.
    const mine = await freshEntry();
    const another = await freshEntry();
    const receipt = (await (await upload("jane", mine, JPEG, "mine.jpg")).json()) as ReceiptAnswer;
    expect((await get("jane", `${receiptsOf(another)}/${receipt.id}/content`)).status).toBe(404);
    await refusedUnchanged(() => remove("jane", `${receiptsOf(another)}/${receipt.id}`), 404, "NOT_FOUND");
  });

  it("lets readers of the entry download, and only its editors add or remove", async () => {
    const entry = p.expense.janeAcme;
    const added = await upload("al", entry, PNG, "by-al.png", "image/png"); // Editor on ACME
    expect(added.status).toBe(201);
    const receipt = (await added.json()) as ReceiptAnswer;
    const content = `${receiptsOf(entry)}/${receipt.id}/content`;
    for (const who of ["jane", "al", "vera", "admin"] as const)
      expect((await get(who, content)).status, who).toBe(200);
    for (const who of ["cara", "connie"] as const) {
      expect((await get(who, content)).status, who).toBe(404);
      expect((await get(who, receiptsOf(entry))).status, who).toBe(404);
    }
    await refusedUnchanged(() => upload("vera", entry, JPEG, "viewer.jpg"), 403, "FORBIDDEN");
    await refusedUnchanged(() => upload("cara", entry, JPEG, "cara.jpg"), 404, "NOT_FOUND");
    await refusedUnchanged(() => remove("vera", `${receiptsOf(entry)}/${receipt.id}`), 403, "FORBIDDEN");
    expect((await remove("jane", `${receiptsOf(entry)}/${receipt.id}`)).status).toBe(204);
  });

  it("keeps an approved entry's receipts as they are", async () => {
    const entry = await freshEntry();
    const receipt = (await (await upload("jane", entry, PDF, "bill.pdf")).json()) as ReceiptAnswer;
    await setEntryStatus(server.deps.store.db, p.scope, "expense", [entry], "submitted");
    await setEntryStatus(server.deps.store.db, p.scope, "expense", [entry], "approved");
    await refusedUnchanged(() => upload("admin", entry, JPEG, "late.jpg"), 409, "ENTRY_LOCKED");
    await refusedUnchanged(() => remove("admin", `${receiptsOf(entry)}/${receipt.id}`), 409, "ENTRY_LOCKED");
    expect((await get("jane", `${receiptsOf(entry)}/${receipt.id}/content`)).status).toBe(200);
  });

  it("removes a receipt's file with the receipt, and an entry's files with the entry", async () => {
    const entry = await freshEntry();
    const before = filesUnder(server.filesDir);
    const first = (await (await upload("jane", entry, JPEG, "a.jpg")).json()) as ReceiptAnswer;
    await upload("jane", entry, PNG, "b.png", "image/png");
    expect(filesUnder(server.filesDir)).toHaveLength(before.length + 2);

    expect((await remove("jane", `${receiptsOf(entry)}/${first.id}`)).status).toBe(204);
    expect((await get("jane", `${receiptsOf(entry)}/${first.id}/content`)).status).toBe(404);
    expect(filesUnder(server.filesDir)).toHaveLength(before.length + 1);

    const deleted = await callerOf(server, "receipts", headers.jane).delete(`/expense-entries/${entry}`);
    expect(deleted.statusCode).toBe(204);
    expect(filesUnder(server.filesDir)).toEqual(before);
    expect(await countQueuedFileDeletions(server.deps.store.db)).toBe(0);
  });

  it("queues the files of an entry deleted outside the API (CLI, merge) and the sweep removes them", async () => {
    const entry = await freshEntry();
    const before = filesUnder(server.filesDir);
    await upload("jane", entry, JPEG, "a.jpg");
    await upload("jane", entry, PDF, "b.pdf");
    await deleteExpenseEntry(server.deps.store.db, p.scope, entry);
    expect(await countQueuedFileDeletions(server.deps.store.db)).toBe(2);
    expect(filesUnder(server.filesDir)).toHaveLength(before.length + 2);
    expect(await sweepFileDeletions(server.deps.store.db, server.deps.files)).toBe(2);
    expect(filesUnder(server.filesDir)).toEqual(before);
    expect(await countQueuedFileDeletions(server.deps.store.db)).toBe(0);
  });
});
