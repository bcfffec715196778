/**
 * File requests over HTTP on both engines, with emails going out over real SMTP: a season's
 * request from asking to completion, who may see and do what, refusals that change nothing,
 * and scheduled reminders that go once each and stop when the client has answered.
 */
import { describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { useTestMail } from "../test-support/accounts.js";
import { usePortalPractice } from "../test-support/portal-practice.js";
import { multipartBody, PDF, JPEG, EVIL_JPG } from "../test-support/receipts.js";
import { snapshotStore } from "../test-support/seed.js";
import { callerOf } from "../test-support/practice-server.js";
import { movableClock, signIn, useTestServer } from "../test-support/server.js";
import { linkIn, tokenOf } from "../test-support/smtp-server.js";
import { ENGINES } from "../test-support/stores.js";
import { linkDepsOf, scopeOf } from "../http/context.js";
import { findRequest } from "./file-request-store.js";
import type { RequestView } from "./file-request-service.js";
import { sendScheduledReminder } from "./request-reminders.js";
import { portalJobHandlers } from "./portal-jobs.js";
import { createJobRunner } from "../jobs/job-runner.js";

describe.each(ENGINES)("file requests on %s", (engine) => {
  const clock = movableClock("2027-02-01T09:00:00Z");
  const server = useTestServer(engine, clock);
  const mail = useTestMail(server);
  const p = usePortalPractice(server, "requests");

  const upload = (
    headers: Record<string, string>,
    path: string,
    bytes: Buffer,
    name: string,
    type: string,
  ) => {
    const body = multipartBody([{ fileName: name, contentType: type, bytes }]);
    return server.app.inject({
      method: "POST",
      url: `/f/requests/api/v1${path}`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };
  const view = (response: LightMyRequestResponse) => response.json<RequestView>();
  /** Delivers what is due now and waits until nothing is left pending (the deliverer may be at it already). */
  const delivered = async () => {
    for (let attempt = 0; attempt < 250; attempt++) {
      await mail.deliverer.deliverDue();
      const pending = await server.deps.store.db
        .selectFrom("mail_outbox")
        .select("id")
        .where("status", "=", "pending")
        .execute();
      if (pending.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("emails still pending");
  };

  async function newRequest(overrides: Record<string, unknown> = {}, as = p.as.mia) {
    const response = await as.post(`/clients/${p.clients.acme}/file-requests`, {
      subject: "2026 tax return",
      description: "What we need for your 2026 return.",
      emailMessage: "Thank you for sending these before March.",
      recipients: [p.contacts.carla, p.contacts.eve],
      items: [
        { title: "W-2 forms", dueDate: "2027-02-15" },
        { title: "Photo of your 1099-INT" },
        { title: "Anything else we should know?" },
      ],
      reminders: { everyDays: 3, max: 2 },
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(201);
    return view(response);
  }

  it("asks for documents: each recipient gets an email with a link into the request, from the firm, replying to the staff member", async () => {
    const before = mail.smtp.received.length;
    const request = await newRequest();
    expect(request).toMatchObject({
      status: "open",
      client: { code: "ACME" },
      createdBy: { name: "Mia Staff" },
      reminders: { everyDays: 3, max: 2, sent: 0, nextAt: "2027-02-04T09:00:00.000Z" },
      you: { side: "staff", mayManage: true },
    });
    expect(request.items.map((item) => [item.position, item.title, item.status])).toEqual([
      [1, "W-2 forms", "open"],
      [2, "Photo of your 1099-INT", "open"],
      [3, "Anything else we should know?", "open"],
    ]);
    await delivered();
    const toCarla = await mail.smtp.waitFor((m) => m.to.includes(p.emails.carla));
    await mail.smtp.waitFor((m) => m.to.includes(p.emails.eve));
    expect(
      mail.smtp.received
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([p.emails.carla, p.emails.eve].sort());
    expect(toCarla.subject).toBe("Firm requests asks you for documents: 2026 tax return");
    expect(toCarla.from).toContain("Firm requests");
    expect(toCarla.replyTo).toBe(p.emails.mia);
    expect(toCarla.text).toContain("Hello Carla Client,");
    expect(toCarla.text).toContain("Thank you for sending these before March.");
    expect(toCarla.text).toContain("- W-2 forms (by 2027-02-15)");
    expect(toCarla.html).toContain("Open the request");
    expect(tokenOf(linkIn(toCarla, "/open-request?token="))).toMatch(/.{20,}/);
  });

  it("refuses a recipient without portal access to the client, a firm-only or foreign file, and an empty checklist, changing nothing", async () => {
    const before = await snapshotStore(server.deps.store.db);
    const refusals = [
      { recipients: [p.contacts.otto] },
      { recipients: [p.other.contactId] },
      { items: [] },
      { items: [{ title: "Sign this", action: "sign" }] },
      { items: [{ title: "x", dueDate: "2027-02-30" }] },
      { subject: "" },
    ];
    for (const refusal of refusals) {
      const response = await p.as.mia.post(`/clients/${p.clients.acme}/file-requests`, {
        subject: "Refused",
        recipients: [p.contacts.carla],
        items: [{ title: "x" }],
        ...refusal,
      });
      expect(response.statusCode, JSON.stringify(refusal)).toBe(400);
      expect(response.json<{ code: string }>().code).toBe("VALIDATION");
    }
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  });

  it("lets only staff with Viewer rights on the client ask, and hides the client from others", async () => {
    const body = { subject: "x", recipients: [p.contacts.carla], items: [{ title: "x" }] };
    expect((await p.as.sam.post(`/clients/${p.clients.acme}/file-requests`, body)).statusCode).toBe(404);
    expect((await p.as.carla.post(`/clients/${p.clients.acme}/file-requests`, body)).statusCode).toBe(403);
    expect((await p.as.otto.post(`/clients/${p.clients.acme}/file-requests`, body)).statusCode).toBe(404);
    expect((await p.as.mia.post(`/clients/${p.other.clientId}/file-requests`, body)).statusCode).toBe(404);
    expect((await p.as.outsider.post(`/clients/${p.clients.acme}/file-requests`, body)).statusCode).toBe(401);
  });

  it("runs a season's request: the collaborator uploads and comments, staff return one item, accept the rest, and the request completes", async () => {
    const request = await newRequest();
    const [w2, photo, other] = request.items;
    const base = `/file-requests/${request.id}`;

    // Carla (Entity Collaborator) answers the first two items.
    const first = await upload(
      p.headers.carla,
      `${base}/items/${w2!.id}/uploads`,
      PDF,
      "W-2 2026.pdf",
      "application/pdf",
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(view(first).items[0]).toMatchObject({
      status: "responded",
      uploads: [
        {
          fileName: "W-2 2026.pdf",
          mediaType: "application/pdf",
          version: 1,
          uploadedBy: { name: "Carla Client" },
        },
      ],
    });
    expect(view(first).you).toMatchObject({ side: "contact", mayUpload: true, mayManage: false });
    const second = await upload(
      p.headers.carla,
      `${base}/items/${photo!.id}/uploads`,
      JPEG,
      "IMG_0042.jpg",
      "image/jpeg",
    );
    expect(second.statusCode, second.body).toBe(201);
    // Mia was told, by email, replying into the app.
    await delivered();
    const told = await mail.smtp.waitFor(
      (m) => m.to.includes(p.emails.mia) && m.subject.includes('sent "W-2 forms"'),
    );
    expect(told.text).toContain(`/f/requests/requests/${request.id}`);

    // Eve (Entity Access) sees it and comments, but cannot upload.
    const refused = await upload(
      p.headers.eve,
      `${base}/items/${other!.id}/uploads`,
      PDF,
      "notes.pdf",
      "application/pdf",
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/collaborator/);
    const comment = await p.as.eve.post(`${base}/items/${other!.id}/comments`, {
      body: "We have nothing else this year.",
    });
    expect(comment.statusCode).toBe(201);
    expect(view(comment).items[2]!.comments).toMatchObject([
      { author: { name: "Eve Client", side: "contact" }, body: "We have nothing else this year." },
    ]);

    // Mia returns the photo: it is blurred. Its item is open again and Carla is told why.
    const returned = await p.as.mia.post(`${base}/items/${photo!.id}/return`, {
      comment: "The photo is blurred.",
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(view(returned).items[1]).toMatchObject({ status: "open" });
    await delivered();
    const why = await mail.smtp.waitFor(
      (m) => m.to.includes(p.emails.carla) && m.subject.startsWith("Firm requests needs another look"),
    );
    expect(why.text).toContain('"Photo of your 1099-INT": The photo is blurred.');
    expect((await p.as.mia.post(`${base}/items/${photo!.id}/return`, {})).statusCode).toBe(400);

    // Carla sends a new photo; Mia accepts everything; the third item she accepts as answered by the comment.
    expect(
      (
        await upload(
          p.headers.carla,
          `${base}/items/${photo!.id}/uploads`,
          JPEG,
          "IMG_0043.jpg",
          "image/jpeg",
        )
      ).statusCode,
    ).toBe(201);
    for (const item of [w2!, photo!, other!]) {
      const accepted = await p.as.mia.post(`${base}/items/${item.id}/complete`, {});
      expect(accepted.statusCode, accepted.body).toBe(200);
    }
    const done = view(await p.as.mia.get(base));
    expect(done.status).toBe("completed");
    expect(done.reminders.nextAt).toBeNull();
    expect(done.items[1]!.uploads.map((u) => u.fileName)).toEqual(["IMG_0042.jpg", "IMG_0043.jpg"]);
    // Closed: nothing more changes.
    expect(
      (await upload(p.headers.carla, `${base}/items/${w2!.id}/uploads`, PDF, "late.pdf", "application/pdf"))
        .statusCode,
    ).toBe(409);
    expect((await p.as.carla.post(`${base}/items/${w2!.id}/comments`, { body: "late" })).statusCode).toBe(
      409,
    );
  });

  it("shows a request only to staff running the client's requests and to its recipients", async () => {
    const request = await newRequest({ recipients: [p.contacts.carla] });
    const path = `/file-requests/${request.id}`;
    expect((await p.as.mia.get(path)).statusCode).toBe(200);
    expect((await p.as.admin.get(path)).statusCode).toBe(200);
    expect((await p.as.carla.get(path)).statusCode).toBe(200);
    expect((await p.as.eve.get(path)).statusCode).toBe(404);
    expect((await p.as.otto.get(path)).statusCode).toBe(404);
    expect((await p.as.sam.get(path)).statusCode).toBe(404);
    expect((await p.as.outsider.get(path)).statusCode).toBe(401);
    const ottoList = await p.as.otto.get(`/file-requests`);
    expect(ottoList.json<{ items: unknown[] }>().items).toEqual([]);
    const eveIds = (await p.as.eve.get(`/file-requests`))
      .json<{ items: { id: string }[] }>()
      .items.map((i) => i.id);
    expect(eveIds).not.toContain(request.id);
    const carlaIds = (await p.as.carla.get(`/file-requests`))
      .json<{ items: { id: string }[] }>()
      .items.map((i) => i.id);
    expect(carlaIds).toContain(request.id);
    // A comment or upload by someone who cannot see it: 404, nothing stored.
    const itemId = request.items[0]!.id;
    expect((await p.as.otto.post(`${path}/items/${itemId}/comments`, { body: "hi" })).statusCode).toBe(404);
    expect(
      (await upload(p.headers.otto, `${path}/items/${itemId}/uploads`, PDF, "x.pdf", "application/pdf"))
        .statusCode,
    ).toBe(404);
  });

  it("refuses a document by its content (HTML named .pdf) and stores nothing", async () => {
    const request = await newRequest({ recipients: [p.contacts.carla] });
    await delivered();
    const before = await snapshotStore(server.deps.store.db);
    const response = await upload(
      p.headers.carla,
      `/file-requests/${request.id}/items/${request.items[0]!.id}/uploads`,
      EVIL_JPG,
      "return.pdf",
      "application/pdf",
    );
    expect(response.statusCode).toBe(415);
    expect(response.json<{ code: string }>().code).toBe("FILE_TYPE_NOT_ALLOWED");
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  });

  it("sends each scheduled reminder once, from the job table on a fake clock, and none after the client has answered everything", async () => {
    const request = await newRequest({
      subject: "Statements and lease",
      recipients: [p.contacts.carla],
      items: [{ title: "Bank statements" }, { title: "Lease" }],
    });
    const runner = createJobRunner({
      store: server.deps.store,
      clock,
      handlers: portalJobHandlers(() => server.deps.config),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    // Other tests' requests have reminders planned too: count this request's only.
    const reminders = () =>
      mail.smtp.received.filter(
        (m) =>
          m.to.includes(p.emails.carla) && m.subject === "Reminder from Firm requests: Statements and lease",
      );
    const sent = async () => (await findRequest(server.deps.store.db, p.firm.id, request.id))!.remindersSent;
    await delivered();
    const start = reminders().length;

    // Not due yet: nothing. Due (3 days on): one reminder, and the next one planned.
    await runner.runDue();
    expect(await sent()).toBe(0);
    clock.set("2027-02-04T09:00:00Z");
    await runner.runDue();
    await runner.runDue();
    expect(await sent()).toBe(1);
    await delivered();
    const reminder = await mail.smtp.waitFor((m) => reminders().length > start && m === reminders().at(-1));
    expect(reminders().length).toBe(start + 1);
    expect(reminder.text).toContain("- Bank statements");
    expect(tokenOf(linkIn(reminder, "/open-request?token="))).not.toBe("");
    expect(await findRequest(server.deps.store.db, p.firm.id, request.id)).toMatchObject({
      remindersSent: 1,
      nextReminderAt: "2027-02-07T09:00:00.000Z",
    });
    // The same reminder run again (a retry, another server): nothing more.
    const scope = scopeOf(p.firm, server.deps, { kind: "anonymous" });
    expect(
      await sendScheduledReminder(
        server.deps.store.db,
        scope,
        linkDepsOf(server.deps),
        request.id,
        1,
        "2027-02-04T09:00:00.000Z",
      ),
    ).toBe(false);

    // Carla answers one item (signing in again: days have passed): reminders go on for the other.
    clock.set("2027-02-05T09:00:00Z");
    const carla = (await signIn(server, "requests", p.emails.carla)).headers;
    const path = (index: number) => `/file-requests/${request.id}/items/${request.items[index]!.id}/uploads`;
    expect((await upload(carla, path(0), PDF, "statements.pdf", "application/pdf")).statusCode).toBe(201);
    clock.set("2027-02-07T09:00:00Z");
    await runner.runDue();
    expect(await sent()).toBe(2);
    await delivered();
    await mail.smtp.waitFor(() => reminders().length === start + 2);
    expect(reminders().at(-1)!.text).not.toContain("- Bank statements");
    expect(reminders().at(-1)!.text).toContain("- Lease");
    // At most M (2): the plan is done; later runs send nothing.
    expect((await findRequest(server.deps.store.db, p.firm.id, request.id))!.nextReminderAt).toBeNull();
    clock.set("2027-02-20T09:00:00Z");
    await runner.runDue();
    expect(await sent()).toBe(2);

    // "Remind now" goes outside the plan while the client owes something; not once they answered all.
    const mia = callerOf(server, "requests", (await signIn(server, "requests", p.emails.mia)).headers);
    expect((await mia.post(`/file-requests/${request.id}/remind`, {})).statusCode).toBe(200);
    const carlaAgain = (await signIn(server, "requests", p.emails.carla)).headers;
    const answered = await upload(carlaAgain, path(1), PDF, "lease.pdf", "application/pdf");
    expect(view(answered).status).toBe("responded");
    expect((await mia.post(`/file-requests/${request.id}/remind`, {})).statusCode).toBe(409);
    await delivered();
    expect(reminders().length).toBe(start + 3);
  });

  it("stops planned reminders when the client answers, and plans them again when an item is returned", async () => {
    clock.set("2027-03-01T09:00:00Z");
    const mia = callerOf(server, "requests", (await signIn(server, "requests", p.emails.mia)).headers);
    const carla = (await signIn(server, "requests", p.emails.carla)).headers;
    const request = await newRequest({ recipients: [p.contacts.carla], items: [{ title: "Receipts" }] }, mia);
    const runner = createJobRunner({
      store: server.deps.store,
      clock,
      handlers: portalJobHandlers(() => server.deps.config),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const item = `/file-requests/${request.id}/items/${request.items[0]!.id}`;
    expect((await upload(carla, `${item}/uploads`, PDF, "r.pdf", "application/pdf")).statusCode).toBe(201);
    clock.set("2027-03-04T09:00:00Z");
    // The job planned at creation finds the client answered: it runs and sends nothing.
    const before = (await findRequest(server.deps.store.db, p.firm.id, request.id))!;
    await runner.runDue();
    expect((await findRequest(server.deps.store.db, p.firm.id, request.id))!.remindersSent).toBe(
      before.remindersSent,
    );
    // Returned: the client owes it again, and a reminder is planned 3 days on.
    const miaAgain = callerOf(server, "requests", (await signIn(server, "requests", p.emails.mia)).headers);
    const returned = await miaAgain.post(`${item}/return`, { comment: "Page 2 is missing." });
    expect(view(returned).reminders.nextAt).toBe("2027-03-07T09:00:00.000Z");
    clock.set("2027-03-07T09:00:00Z");
    await runner.runDue();
    expect((await findRequest(server.deps.store.db, p.firm.id, request.id))!.remindersSent).toBe(1);
  });

  it("signs a contact into that one request from the email's link: once, never anywhere else", async () => {
    // Signed in afresh: the reminders' test moved the clock past the fixture's sessions.
    const mia = callerOf(server, "requests", (await signIn(server, "requests", p.emails.mia)).headers);
    const first = await newRequest({ recipients: [p.contacts.carla] }, mia);
    const second = await newRequest({ recipients: [p.contacts.carla], subject: "Payroll" }, mia);
    await delivered();
    await mail.smtp.waitFor((m) => m.to.includes(p.emails.carla) && m.subject.endsWith(": Payroll"));
    // The second request's email, found by its subject: the two emails may arrive in either order.
    const payrollMail = mail.smtp.received.find(
      (m) =>
        m.to.includes(p.emails.carla) &&
        m.subject.includes("asks you for documents") &&
        m.subject.endsWith(": Payroll"),
    )!;
    const payrollLink = tokenOf(linkIn(payrollMail, "/open-request?token="));
    const open = (token: string) =>
      server.app.inject({ method: "POST", url: "/f/requests/api/v1/auth/request-link", payload: { token } });
    // Its link opens that request.
    const opened = await open(payrollLink);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<{ requestId: string; user: { requestOnly: string } }>()).toMatchObject({
      requestId: second.id,
      user: { requestOnly: second.id },
    });
    const cookie = opened.cookies.find((c) => c.name === "__Host-firmtime-session")!.value;
    const csrf = opened.json<{ csrfToken: string }>().csrfToken;
    const linkSession = callerOf(server, "requests", {
      cookie: `__Host-firmtime-session=${cookie}`,
      "x-csrf-token": csrf,
    });
    expect((await linkSession.get(`/file-requests/${second.id}`)).statusCode).toBe(200);
    expect((await linkSession.get("/auth/me")).statusCode).toBe(200);
    // Another request of hers, the rest of the app, and her account: not with this session.
    expect((await linkSession.get(`/file-requests/${first.id}`)).statusCode).toBe(404);
    expect(
      (await linkSession.get("/file-requests")).json<{ items: { id: string }[] }>().items.map((i) => i.id),
    ).toEqual([second.id]);
    expect((await linkSession.get("/clients")).statusCode).toBe(403);
    const password = await linkSession.post("/auth/password", {
      currentPassword: "correct horse battery staple",
      newPassword: "a much longer passphrase",
    });
    expect(password.statusCode).toBe(403);
    // She answers with it.
    const answered = await upload(
      { cookie: `__Host-firmtime-session=${cookie}`, "x-csrf-token": csrf },
      `/file-requests/${second.id}/items/${second.items[0]!.id}/uploads`,
      PDF,
      "w2.pdf",
      "application/pdf",
    );
    expect(answered.statusCode, answered.body).toBe(201);
    // The link works once; a made-up one never.
    expect((await open(payrollLink)).statusCode).toBe(410);
    expect((await open("not-a-token")).json<{ code: string }>().code).toBe("LINK_INVALID");
  });

  it("keeps the client's history: staff see all of it, each contact the part that concerns them; and says what waits for whom", async () => {
    const mia = callerOf(server, "requests", (await signIn(server, "requests", p.emails.mia)).headers);
    const carla = callerOf(server, "requests", (await signIn(server, "requests", p.emails.carla)).headers);
    const eve = callerOf(server, "requests", (await signIn(server, "requests", p.emails.eve)).headers);
    const onlyCarla = await newRequest(
      { recipients: [p.contacts.carla], subject: "Only for Carla", items: [{ title: "Lease" }] },
      mia,
    );
    type History = { items: { summary: string; requestId: string | null }[]; total: number };
    const history = async (as: typeof mia) =>
      (await as.get(`/clients/${p.clients.acme}/activity?order=newest&limit=500`)).json<History>();
    const mention = (page: History) => page.items.some((event) => event.requestId === onlyCarla.id);
    expect(mention(await history(mia))).toBe(true);
    expect(mention(await history(carla))).toBe(true);
    expect(mention(await history(eve))).toBe(false);
    expect((await history(mia)).items[0]!.summary).toBe("Mia Staff asked for documents: Only for Carla");
    for (const person of ["otto", "sam"] as const) {
      const as = callerOf(server, "requests", (await signIn(server, "requests", p.emails[person])).headers);
      expect((await as.get(`/clients/${p.clients.acme}/activity`)).statusCode).toBe(404);
    }

    type Waiting = { requests: { id: string; items: { title: string }[]; mayUpload: boolean }[] };
    const carlaWaits = (await carla.get("/portal/waiting"))
      .json<Waiting>()
      .requests.find((r) => r.id === onlyCarla.id);
    expect(carlaWaits).toMatchObject({ mayUpload: true, items: [{ title: "Lease" }] });
    expect((await eve.get("/portal/waiting")).json<Waiting>().requests.map((r) => r.id)).not.toContain(
      onlyCarla.id,
    );
    const headers = (await signIn(server, "requests", p.emails.carla)).headers;
    const path = `/file-requests/${onlyCarla.id}/items/${onlyCarla.items[0]!.id}/uploads`;
    expect((await upload(headers, path, PDF, "lease.pdf", "application/pdf")).statusCode).toBe(201);
    expect((await carla.get("/portal/waiting")).json<Waiting>().requests.map((r) => r.id)).not.toContain(
      onlyCarla.id,
    );
    expect((await mia.get("/portal/waiting")).json<Waiting>().requests.map((r) => r.id)).toContain(
      onlyCarla.id,
    );
  });
});
