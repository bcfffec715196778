/**
 * An entity's files over HTTP on both engines: the three kinds kept apart for staff and
 * contacts, versions with who and when, downloads authorized per file and recorded, and refusals
 * that change nothing.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { usePortalPractice, type PortalPerson } from "../test-support/portal-practice.js";
import { filesUnder, JPEG, multipartBody, PDF, PNG } from "../test-support/receipts.js";
import { snapshotStore } from "../test-support/seed.js";
import { movableClock, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import type { FileView } from "./entity-file-service.js";
import { updateEntityFile } from "./entity-file-store.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe.each(ENGINES)("an entity's files on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  const p = usePortalPractice(server, "files");

  const upload = (
    who: PortalPerson,
    path: string,
    bytes: Buffer,
    name: string,
    type = "application/pdf",
    fields: Record<string, string> = {},
  ) => {
    const body = multipartBody([{ fileName: name, contentType: type, bytes }], fields);
    return server.app.inject({
      method: "POST",
      url: `/f/files/api/v1${path}`,
      headers: { ...p.headers[who], ...body.headers },
      payload: body.payload,
    });
  };
  const file = (response: LightMyRequestResponse) => response.json<FileView>();
  const listed = async (who: PortalPerson) =>
    (await p.as[who].get(`/clients/${p.clients.acme}/files?limit=500`))
      .json<{ items: FileView[] }>()
      .items.map((item) => item.name);

  it("keeps firm-only files from contacts, shows shared and client files to the client's contacts, and nobody else's", async () => {
    const memo = await upload("admin", `/clients/${p.clients.acme}/files`, PDF, "Working papers.pdf");
    expect(memo.statusCode, memo.body).toBe(201);
    expect(file(memo)).toMatchObject({ kind: "firm", name: "Working papers.pdf", current: { version: 1 } });
    const letter = await upload(
      "admin",
      `/clients/${p.clients.acme}/files?kind=shared`,
      PDF,
      "Engagement letter.pdf",
    );
    expect(file(letter)).toMatchObject({ kind: "shared" });
    const w2 = await upload("carla", `/clients/${p.clients.acme}/files`, JPEG, "W-2.jpg", "image/jpeg");
    expect(w2.statusCode, w2.body).toBe(201);
    expect(file(w2)).toMatchObject({
      kind: "client",
      current: { uploadedBy: { name: "Carla Client" }, mediaType: "image/jpeg", sha256: sha256(JPEG) },
    });

    expect(await listed("admin")).toEqual(
      expect.arrayContaining(["Working papers.pdf", "Engagement letter.pdf", "W-2.jpg"]),
    );
    expect(await listed("mia")).toEqual(
      expect.arrayContaining(["Working papers.pdf", "Engagement letter.pdf", "W-2.jpg"]),
    );
    for (const contact of ["carla", "eve"] as const) {
      const names = await listed(contact);
      expect(names).toEqual(expect.arrayContaining(["Engagement letter.pdf", "W-2.jpg"]));
      expect(names).not.toContain("Working papers.pdf");
      expect((await p.as[contact].get(`/files/${file(memo).id}`)).statusCode).toBe(404);
      expect((await p.as[contact].get(`/files/${file(memo).id}/content`)).statusCode).toBe(404);
    }
    expect((await p.as.otto.get(`/clients/${p.clients.acme}/files`)).statusCode).toBe(404);
    expect((await p.as.otto.get(`/files/${file(letter).id}`)).statusCode).toBe(404);
    expect((await p.as.sam.get(`/files/${file(letter).id}`)).statusCode).toBe(404);
    expect((await p.as.outsider.get(`/files/${file(letter).id}`)).statusCode).toBe(401);

    // Sharing the firm-only file makes it the contacts' to see; a client file stays the client's.
    const shared = await p.as.admin.patch(`/files/${file(memo).id}`, { kind: "shared" });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(await listed("eve")).toContain("Working papers.pdf");
    expect((await p.as.admin.patch(`/files/${file(w2).id}`, { kind: "firm" })).statusCode).toBe(400);
  });

  it("says what the caller may add and do with folders, as the rights on the client decide", async () => {
    const rights = async (who: PortalPerson) =>
      (await p.as[who].get(`/clients/${p.clients.acme}/files?limit=1`)).json<{ you: unknown }>().you;
    const noFolders = { create: false, edit: false, delete: false };
    expect(await rights("admin")).toEqual({
      mayAdd: ["firm", "shared"],
      folders: { create: true, edit: true, delete: true },
    });
    expect(await rights("mia")).toEqual({ mayAdd: [], folders: noFolders });
    expect(await rights("carla")).toEqual({ mayAdd: ["client"], folders: noFolders });
    expect(await rights("eve")).toEqual({ mayAdd: [], folders: noFolders });
  });

  it("lets only collaborators add files, never lets a contact delete or change what the firm shared, and changes nothing when refused", async () => {
    const letter = file(
      await upload("admin", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "Letter.pdf"),
    );
    const before = await snapshotStore(server.deps.store.db);
    expect((await upload("eve", `/clients/${p.clients.acme}/files`, PDF, "mine.pdf")).statusCode).toBe(403);
    expect(
      (await upload("carla", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "x.pdf")).statusCode,
    ).toBe(400);
    expect((await upload("mia", `/clients/${p.clients.acme}/files`, PDF, "x.pdf")).statusCode).toBe(403);
    expect((await upload("carla", `/files/${letter.id}/versions`, PDF, "signed.pdf")).statusCode).toBe(403);
    expect((await p.as.carla.delete(`/files/${letter.id}`)).statusCode).toBe(403);
    expect((await p.as.carla.patch(`/files/${letter.id}`, { name: "Mine.pdf" })).statusCode).toBe(403);
    expect((await upload("otto", `/clients/${p.clients.acme}/files`, PDF, "x.pdf")).statusCode).toBe(404);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  });

  it("numbers versions with who uploaded each and when, downloads each as uploaded, and records downloads", async () => {
    const first = file(await upload("carla", `/clients/${p.clients.acme}/files`, PDF, "Statement.pdf"));
    const second = await upload(
      "carla",
      `/files/${first.id}/versions`,
      PNG,
      "Statement scan.png",
      "image/png",
    );
    expect(second.statusCode, second.body).toBe(201);
    const third = await upload(
      "admin",
      `/files/${first.id}/versions`,
      JPEG,
      "Statement corrected.jpg",
      "image/jpeg",
    );
    expect(third.statusCode, third.body).toBe(201);
    const whole = file(await p.as.mia.get(`/files/${first.id}`));
    expect(whole.versions!.map((v) => [v.version, v.fileName, v.uploadedBy.name, v.mediaType])).toEqual([
      [1, "Statement.pdf", "Carla Client", "application/pdf"],
      [2, "Statement scan.png", "Carla Client", "image/png"],
      [3, "Statement corrected.jpg", "Ada Admin", "image/jpeg"],
    ]);
    expect(whole.name).toBe("Statement.pdf");
    const current = await p.as.eve.get(`/files/${first.id}/content`);
    expect(current.statusCode).toBe(200);
    expect(current.rawPayload.equals(JPEG)).toBe(true);
    expect(current.headers["content-disposition"]).toContain('filename="Statement corrected.jpg"');
    expect(current.headers["x-content-type-options"]).toBe("nosniff");
    const old = await p.as.eve.get(`/files/${first.id}/versions/${whole.versions![0]!.id}/content`);
    expect(old.rawPayload.equals(PDF)).toBe(true);
    // A version of another file under this file's address: not found.
    const other = file(await upload("carla", `/clients/${p.clients.acme}/files`, PDF, "Other.pdf"));
    expect(
      (await p.as.eve.get(`/files/${other.id}/versions/${whole.versions![0]!.id}/content`)).statusCode,
    ).toBe(404);
    const history = (await p.as.mia.get(`/clients/${p.clients.acme}/activity?fileId=${first.id}`)).json<{
      items: { kind: string; summary: string }[];
    }>();
    expect(history.items.map((e) => e.kind)).toEqual([
      "file.uploaded",
      "file.version",
      "file.version",
      "file.downloaded",
      "file.downloaded",
    ]);
    expect(history.items.at(-1)!.summary).toBe("Eve Client downloaded Statement.pdf (version 1)");
  });

  it("deletes a file with its versions and their bytes, but keeps one a request asked about", async () => {
    const draft = file(await upload("admin", `/clients/${p.clients.acme}/files`, PDF, "Draft.pdf"));
    expect((await p.as.mia.delete(`/files/${draft.id}`)).statusCode).toBe(403);
    expect((await p.as.admin.delete(`/files/${draft.id}`)).statusCode).toBe(204);
    expect((await p.as.admin.get(`/files/${draft.id}`)).statusCode).toBe(404);
    const queued = await server.deps.store.db.selectFrom("file_deletion").select("file_key").execute();
    expect(queued).toEqual([]);

    const toSign = file(
      await upload("admin", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "Sign me.pdf"),
    );
    const request = await p.as.admin.post(`/clients/${p.clients.acme}/file-requests`, {
      subject: "Signature",
      recipients: [p.contacts.carla],
      items: [{ title: "Sign the letter", action: "sign", fileId: toSign.id }],
    });
    expect(request.statusCode, request.body).toBe(201);
    const refused = await p.as.admin.delete(`/files/${toSign.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe("IN_USE");
  });

  it("files documents in folders; contacts see only the folders that lead to what they may see; only empty folders go", async () => {
    type Folder = { id: string; name: string; parentId: string | null };
    const make = async (name: string, parentId: string | null = null) => {
      const response = await p.as.admin.post(`/clients/${p.clients.acme}/folders`, { name, parentId });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<Folder>();
    };
    const tax = await make("Tax 2026");
    const slips = await make("Slips", tax.id);
    const internal = await make("Internal");
    expect(
      (await p.as.admin.post(`/clients/${p.clients.acme}/folders`, { name: "tax 2026" })).statusCode,
    ).toBe(409);
    expect((await p.as.admin.post(`/clients/${p.clients.acme}/folders`, { name: "a/b" })).statusCode).toBe(
      400,
    );
    expect((await p.as.carla.post(`/clients/${p.clients.acme}/folders`, { name: "Mine" })).statusCode).toBe(
      403,
    );
    expect((await p.as.admin.patch(`/folders/${tax.id}`, { parentId: slips.id })).statusCode).toBe(400);

    const slip = await upload(
      "carla",
      `/clients/${p.clients.acme}/files?folderId=${slips.id}`,
      PDF,
      "Slip.pdf",
    );
    expect(slip.statusCode, slip.body).toBe(201);
    const note = file(
      await upload("admin", `/clients/${p.clients.acme}/files?folderId=${internal.id}`, PDF, "Note.pdf"),
    );
    expect(note.folderId).toBe(internal.id);
    const inSlips = (await p.as.mia.get(`/clients/${p.clients.acme}/files?folderId=${slips.id}`)).json<{
      items: FileView[];
    }>();
    expect(inSlips.items.map((f) => f.name)).toEqual(["Slip.pdf"]);

    const names = async (who: PortalPerson) =>
      (await p.as[who].get(`/clients/${p.clients.acme}/folders`))
        .json<{ items: Folder[] }>()
        .items.map((f) => f.name)
        .sort();
    expect(await names("mia")).toEqual(["Internal", "Slips", "Tax 2026"]);
    expect(await names("eve")).toEqual(["Slips", "Tax 2026"]);
    expect((await p.as.otto.get(`/clients/${p.clients.acme}/folders`)).statusCode).toBe(404);

    expect((await p.as.admin.delete(`/folders/${tax.id}`)).statusCode).toBe(409);
    expect((await p.as.admin.patch(`/files/${note.id}`, { folderId: null })).statusCode).toBe(200);
    expect((await p.as.mia.delete(`/folders/${internal.id}`)).statusCode).toBe(403);
    expect((await p.as.admin.delete(`/folders/${internal.id}`)).statusCode).toBe(204);
    expect(await names("mia")).toEqual(["Slips", "Tax 2026"]);
  });

  it("takes the kind and the folder from the form's fields before the file, and refuses bad ones before storing a byte", async () => {
    const form = (who: PortalPerson, fields: Record<string, string>, query = "") =>
      upload(who, `/clients/${p.clients.acme}/files${query}`, PDF, "Form.pdf", "application/pdf", fields);
    const folder = (await p.as.admin.post(`/clients/${p.clients.acme}/folders`, { name: "Returns" })).json<{
      id: string;
    }>();

    const shared = await form("admin", { kind: "shared", folderId: folder.id });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(file(shared)).toMatchObject({ kind: "shared", folderId: folder.id });
    expect(await listed("eve")).toContain("Form.pdf");
    const same = await form("admin", { kind: "shared" }, "?kind=shared");
    expect(file(same)).toMatchObject({ kind: "shared", folderId: null });
    const clients = await form("carla", { kind: "client" });
    expect(file(clients)).toMatchObject({ kind: "client" });

    const rows = await snapshotStore(server.deps.store.db);
    const bytes = filesUnder(server.filesDir);
    for (const [who, fields, query, status, words] of [
      ["carla", { kind: "shared" }, "", 400, /always the client's own/],
      ["eve", { kind: "client" }, "", 403, /collaborators/],
      ["admin", { kind: "client" }, "", 400, /client files come from the client's contacts/],
      ["admin", { kind: "everyone" }, "", 400, /^kind: /],
      ["admin", { kind: "shared" }, "?kind=firm", 400, /given twice, differently/],
      ["admin", { folderId: "Returns" }, "", 400, /folderId must be a folder's id/],
      ["admin", { note: "hello" }, "", 400, /field note/],
    ] as const) {
      const refused = await form(who, fields, query);
      expect(refused.statusCode, refused.body).toBe(status);
      expect(refused.json<{ detail: string }>().detail).toMatch(words);
    }
    expect(await snapshotStore(server.deps.store.db)).toEqual(rows);
    expect(filesUnder(server.filesDir)).toEqual(bytes);
  });

  it("lists a page at a time, by kind and by name or last change, each with its current version and its uploader's name", async () => {
    const on = `/clients/${p.clients.globex}/files`;
    const added = async (who: PortalPerson, query: string, name: string) => {
      clock.advance(60_000);
      const response = await upload(who, `${on}${query}`, PDF, name);
      expect(response.statusCode, response.body).toBe(201);
      return file(response);
    };
    const notes = await added("admin", "", "b notes.pdf");
    const letter = await added("admin", "?kind=shared", "A letter.pdf");
    const slip = await added("otto", "", "c slip.pdf");
    type Page = { items: FileView[]; total: number };
    const page = async (who: PortalPerson, query: string) => {
      const response = await p.as[who].get(`${on}?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<Page>();
      return { total: body.total, names: body.items.map((item) => item.name) };
    };

    expect(await page("admin", "sort=name")).toEqual({
      total: 3,
      names: ["A letter.pdf", "b notes.pdf", "c slip.pdf"],
    });
    expect(await page("admin", "sort=name&limit=1&offset=1")).toEqual({ total: 3, names: ["b notes.pdf"] });
    expect(await page("admin", "sort=updatedAt")).toEqual({
      total: 3,
      names: ["b notes.pdf", "A letter.pdf", "c slip.pdf"],
    });
    // A new version is a change: the file comes last by last change.
    clock.advance(60_000);
    expect(
      (await upload("admin", `/files/${notes.id}/versions`, PNG, "notes.png", "image/png")).statusCode,
    ).toBe(201);
    expect((await page("admin", "sort=updatedAt")).names).toEqual([
      "A letter.pdf",
      "c slip.pdf",
      "b notes.pdf",
    ]);
    expect(await page("admin", "kind=shared")).toEqual({ total: 1, names: ["A letter.pdf"] });
    // The client's contact: what the firm shared and what the client uploaded, never firm-only.
    expect(await page("otto", "sort=name")).toEqual({ total: 2, names: ["A letter.pdf", "c slip.pdf"] });
    expect(await page("otto", "kind=firm")).toEqual({ total: 0, names: [] });

    const listed = (await p.as.otto.get(`${on}?sort=name`)).json<Page>().items;
    expect(listed.map((item) => [item.current.fileName, item.current.uploadedBy.name])).toEqual([
      [letter.current.fileName, "Ada Admin"],
      [slip.current.fileName, "Otto Client"],
    ]);
    expect(listed[1]!.current).toMatchObject({ mediaType: "application/pdf", size: PDF.length, version: 1 });
    expect(listed[1]!.versions).toBeUndefined();
  });

  it("records moves of files and folders in the history, for whom each may concern", async () => {
    const on = p.clients.globex;
    const folder = async (name: string, parentId: string | null = null) => {
      const response = await p.as.admin.post(`/clients/${on}/folders`, { name, parentId });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string; name: string }>();
    };
    const years = await folder("Years");
    const y2025 = await folder("2025");
    const slip = await upload("otto", `/clients/${on}/files`, PDF, "Slip 2025.pdf");
    expect(slip.statusCode, slip.body).toBe(201);
    const moved = await p.as.admin.patch(`/files/${file(slip).id}`, { folderId: y2025.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await p.as.admin.patch(`/folders/${y2025.id}`, { parentId: years.id })).statusCode).toBe(200);
    expect((await p.as.admin.patch(`/files/${file(slip).id}`, { folderId: null })).statusCode).toBe(200);
    expect((await p.as.admin.patch(`/folders/${y2025.id}`, { parentId: null })).statusCode).toBe(200);

    type Activity = { items: { kind: string; summary: string }[] };
    const moves = async (who: PortalPerson) =>
      (await p.as[who].get(`/clients/${on}/activity?limit=500`))
        .json<Activity>()
        .items.filter((event) => event.kind.endsWith(".moved"))
        .map((event) => event.summary);
    expect(await moves("admin")).toEqual([
      "Ada Admin moved Slip 2025.pdf into 2025",
      "Ada Admin moved the folder 2025 into Years",
      "Ada Admin moved Slip 2025.pdf out of its folder",
      "Ada Admin moved the folder 2025 to the top level",
    ]);
    // The client's contact follows their file; the firm's folder work stays the firm's.
    expect(await moves("otto")).toEqual([
      "Ada Admin moved Slip 2025.pdf into 2025",
      "Ada Admin moved Slip 2025.pdf out of its folder",
    ]);
  });

  it("keeps a folder something is moved into at the same moment: the database's reference, said as IN_USE", async () => {
    const made = await p.as.admin.post(`/clients/${p.clients.globex}/folders`, { name: "Racing" });
    const racing = made.json<{ id: string }>();
    const doc = file(await upload("admin", `/clients/${p.clients.globex}/files`, PDF, "Mover.pdf"));
    // Another request moves the file in and has not committed when the delete looks inside.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let moved!: () => void;
    const inside = new Promise<void>((resolve) => (moved = resolve));
    const moving = server.deps.store.db.transaction().execute(async (tx) => {
      await updateEntityFile(tx, p.firm.id, doc.id, { folderId: racing.id }, "2026-06-15T13:00:00.000Z");
      moved();
      await held;
    });
    await inside;
    const deleting = p.as.admin.delete(`/folders/${racing.id}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await moving;
    const refused = await deleting;
    expect(refused.statusCode, refused.body).toBe(409);
    const problem = refused.json<{ code: string; detail: string }>();
    expect(problem.code).toBe("IN_USE");
    expect(problem.detail).toBe("the folder Racing is not empty: move or delete what is in it first");
    expect(file(await p.as.admin.get(`/files/${doc.id}`)).folderId).toBe(racing.id);
  });

  it("refuses names that would show as something else (control characters, direction overrides), changing nothing", async () => {
    const doc = file(await upload("admin", `/clients/${p.clients.globex}/files`, PDF, "Invoice.pdf"));
    const before = await snapshotStore(server.deps.store.db);
    for (const name of ["Invoice\u202efdp.exe", "Tab\there.pdf", "Bell\u0007.pdf"]) {
      const renamed = await p.as.admin.patch(`/files/${doc.id}`, { name });
      expect(renamed.statusCode, renamed.body).toBe(400);
      expect(renamed.json<{ detail: string }>().detail).toMatch(/control characters or direction overrides/);
      const made = await p.as.admin.post(`/clients/${p.clients.globex}/folders`, { name });
      expect(made.statusCode, made.body).toBe(400);
      expect(made.json<{ detail: string }>().detail).toMatch(/control characters or direction overrides/);
    }
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  });

  it("changes nothing, not even the time of last change, when a PATCH asks for what the file already is", async () => {
    const doc = file(await upload("admin", `/clients/${p.clients.globex}/files`, PDF, "Same.pdf"));
    clock.advance(60_000);
    for (const patch of [{}, { name: "Same.pdf" }, { kind: "firm" }, { folderId: null }]) {
      const response = await p.as.admin.patch(`/files/${doc.id}`, patch);
      expect(response.statusCode, response.body).toBe(200);
      expect(file(response).updatedAt).toBe(doc.updatedAt);
    }
    const history = (await p.as.admin.get(`/clients/${p.clients.globex}/activity?fileId=${doc.id}`)).json<{
      items: { kind: string }[];
    }>();
    expect(history.items.map((event) => event.kind)).toEqual(["file.uploaded"]);
  });
});
