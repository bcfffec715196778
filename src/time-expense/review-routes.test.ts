/**
 * Reviewing a staff member's time over real HTTP: returning entries with a comment the staff
 * member sees, submitting a whole week in one call, and the locked flag on every entry answer.
 */
import { describe, expect, it } from "vitest";
import { usePractice, type Caller } from "../test-support/practice-server.js";
import { snapshotStore } from "../test-support/seed.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface EntryAnswer {
  id: string;
  status: string;
  reviewComment: string | null;
  locked: boolean;
}

describe.each(ENGINES)("reviewing entries on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "review");

  async function refusedUnchanged(request: () => ReturnType<Caller["get"]>, status: number, code: string) {
    const before = await snapshotStore(server.deps.store.db);
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json<{ code: string }>().code).toBe(code);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
    return response;
  }

  const newTime = async (caller: Caller, date: string, clientId = p.clients.acme) => {
    const response = await caller.post("/time-entries", {
      clientId,
      workCodeId: p.workCodes.tax,
      date,
      minutes: 30,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<EntryAnswer>().id;
  };
  const newExpense = async (caller: Caller, date: string) => {
    const response = await caller.post("/expense-entries", {
      clientId: p.clients.acme,
      workCodeId: p.workCodes.mile,
      date,
      quantity: 10_000,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<EntryAnswer>().id;
  };
  const timeEntry = async (caller: Caller, id: string) =>
    (await caller.get(`/time-entries/${id}`)).json<EntryAnswer>();

  it("tells each person whether they review others' entries, so the web app shows approvals only to reviewers", async () => {
    const reviewer = async (caller: Caller) =>
      (await caller.get("/auth/me")).json<{ reviewer: boolean }>().reviewer;
    // Jane owns entries but reviews nobody's; Al edits ACME's, Cara manages BETA.
    expect(await reviewer(p.as.jane)).toBe(false);
    expect(await reviewer(p.as.vera)).toBe(false);
    expect(await reviewer(p.as.al)).toBe(true);
    expect(await reviewer(p.as.cara)).toBe(true);
    expect(await reviewer(p.as.admin)).toBe(true);
  });

  it("names the staff whose entries a reviewer sees, and no one else, without the staff list", async () => {
    type Named = { items: { id: string; staffNumber: string; firstName: string }[]; total: number };
    const named = async (caller: Caller, query = "") => {
      const response = await caller.get(`/entry-staff${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Named>();
    };
    const numbers = (list: Named) => list.items.map((member) => member.staffNumber);
    // Cara manages BETA: Jane's and her own entries are there; she may not read the staff list.
    expect((await p.as.cara.get(`/staff/${p.staff.jane}`)).statusCode).toBe(404);
    expect(numbers(await named(p.as.cara))).toEqual(["CM", "JD"]);
    expect((await named(p.as.cara)).items[1]).toEqual({
      id: p.staff.jane,
      staffNumber: "JD",
      firstName: "Jane",
      lastName: "Test",
    });
    // Al (Editor on ACME) sees ACME's authors, and his own.
    expect(numbers(await named(p.as.al))).toEqual(["AB", "JD"]);
    // Jane reviews nobody: only herself.
    expect(numbers(await named(p.as.jane))).toEqual(["JD"]);
    // The admin sees every author; filters narrow by kind, status, dates and a search.
    expect(numbers(await named(p.as.admin))).toEqual(["AB", "CM", "JD"]);
    expect(numbers(await named(p.as.admin, "?kind=expense"))).toEqual(["CM", "JD"]);
    expect(numbers(await named(p.as.admin, "?status=approved"))).toEqual([]);
    expect(numbers(await named(p.as.admin, "?from=2026-06-03&to=2026-06-04"))).toEqual(["AB", "CM"]);
    expect(numbers(await named(p.as.admin, "?search=car"))).toEqual(["CM"]);
    const page = await named(p.as.admin, "?limit=1&offset=1");
    expect([numbers(page), page.total]).toEqual([["CM"], 3]);
    // A contact has no entries to read; bad filters are refused.
    expect(numbers(await named(p.as.connie))).toEqual([]);
    expect((await p.as.admin.get("/entry-staff?status=lost")).statusCode).toBe(400);
    expect((await p.as.admin.get("/entry-staff?kind=both")).statusCode).toBe(400);
  });

  it("returns submitted entries to their staff member with a comment they see until they submit again", async () => {
    const first = await newTime(p.as.jane, "2026-07-01");
    const second = await newTime(p.as.jane, "2026-07-02");
    const expense = await newExpense(p.as.jane, "2026-07-01");
    await p.as.jane.post("/time-entries/status", { ids: [first, second], status: "submitted" });
    await p.as.jane.post("/expense-entries/status", { ids: [expense], status: "submitted" });

    // Al (Editor on ACME) reviews Jane's ACME work: returning it needs a reason.
    const silent = await refusedUnchanged(
      () => p.as.al.post("/time-entries/status", { ids: [first, second], status: "draft" }),
      400,
      "VALIDATION",
    );
    expect(silent.json()).toMatchObject({ field: "comment" });
    await refusedUnchanged(
      () => p.as.al.post("/time-entries/status", { ids: [first], status: "draft", comment: "   " }),
      400,
      "VALIDATION",
    );
    // A comment goes only with returning.
    await refusedUnchanged(
      () => p.as.al.post("/time-entries/status", { ids: [first], status: "approved", comment: "Fine" }),
      400,
      "VALIDATION",
    );

    const returned = await p.as.al.post("/time-entries/status", {
      ids: [first, second],
      status: "draft",
      comment: "  Split the review from the planning, please  ",
    });
    expect(returned.json()).toEqual({ updated: 2 });
    for (const id of [first, second])
      expect(await timeEntry(p.as.jane, id)).toMatchObject({
        status: "draft",
        reviewComment: "Split the review from the planning, please",
      });
    const listed = (await p.as.jane.get("/time-entries?from=2026-07-01&to=2026-07-02")).json<{
      items: EntryAnswer[];
    }>();
    expect(listed.items.map((e) => e.reviewComment)).toEqual([
      "Split the review from the planning, please",
      "Split the review from the planning, please",
    ]);

    expect(
      (
        await p.as.al.post("/expense-entries/status", {
          ids: [expense],
          status: "draft",
          comment: "Receipt missing",
        })
      ).statusCode,
    ).toBe(200);
    expect((await p.as.jane.get(`/expense-entries/${expense}`)).json()).toMatchObject({
      status: "draft",
      reviewComment: "Receipt missing",
    });

    // Editing the returned draft keeps the comment; submitting it again clears it.
    await p.as.jane.patch(`/time-entries/${first}`, { minutes: 45 });
    expect((await timeEntry(p.as.jane, first)).reviewComment).toBe(
      "Split the review from the planning, please",
    );
    await p.as.jane.post("/time-entries/status", { ids: [first], status: "submitted" });
    expect(await timeEntry(p.as.jane, first)).toMatchObject({ status: "submitted", reviewComment: null });
    expect((await timeEntry(p.as.jane, second)).reviewComment).not.toBeNull();

    // Staff taking back their own submitted entry need not explain themselves.
    expect((await p.as.jane.post("/time-entries/status", { ids: [first], status: "draft" })).statusCode).toBe(
      200,
    );
    expect(await timeEntry(p.as.jane, first)).toMatchObject({ status: "draft", reviewComment: null });
  });

  it("submits a staff member's whole week of drafts, all or none", async () => {
    // The week of Monday 2026-08-03 to Sunday 2026-08-09.
    const monday = await newTime(p.as.jane, "2026-08-03");
    const sunday = await newTime(p.as.jane, "2026-08-09", p.clients.beta);
    const expense = await newExpense(p.as.jane, "2026-08-05");
    const before = await newTime(p.as.jane, "2026-08-02");
    const after = await newTime(p.as.jane, "2026-08-10");
    const alsMonday = await newTime(p.as.al, "2026-08-03");

    // Al may review Jane's ACME work but not her BETA entry: the whole week stays as it was.
    await refusedUnchanged(
      () => p.as.al.post("/timesheet/submit-week", { staffId: p.staff.jane, week: "2026-08-05" }),
      404,
      "NOT_FOUND",
    );
    await refusedUnchanged(
      () => p.as.admin.post("/timesheet/submit-week", { staffId: p.other.staff, week: "2026-08-05" }),
      404,
      "NOT_FOUND",
    );
    await refusedUnchanged(
      () => p.as.jane.post("/timesheet/submit-week", { week: "2026-08-32" }),
      400,
      "VALIDATION",
    );

    const submitted = await p.as.jane.post("/timesheet/submit-week", { week: "2026-08-06" });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const answer = submitted.json<{ from: string; to: string; time: string[]; expense: string[] }>();
    expect(answer.from).toBe("2026-08-03");
    expect(answer.to).toBe("2026-08-09");
    expect([...answer.time].sort()).toEqual([monday, sunday].sort());
    expect(answer.expense).toEqual([expense]);
    for (const id of [monday, sunday]) expect((await timeEntry(p.as.jane, id)).status).toBe("submitted");
    for (const id of [before, after]) expect((await timeEntry(p.as.jane, id)).status).toBe("draft");
    expect((await timeEntry(p.as.al, alsMonday)).status).toBe("draft");

    // Nothing left to submit: an empty answer, not an error.
    const again = await p.as.jane.post("/timesheet/submit-week", { week: "2026-08-03" });
    expect(again.json()).toMatchObject({ time: [], expense: [] });
  });

  it("refuses a week holding a draft on or before the lock date, leaving every entry a draft", async () => {
    const locked = await newTime(p.as.jane, "2026-09-07");
    const open = await newTime(p.as.jane, "2026-09-09");
    expect((await p.as.admin.patch("/firm", { lockDate: "2026-09-07" })).statusCode).toBe(200);
    try {
      await refusedUnchanged(
        () => p.as.jane.post("/timesheet/submit-week", { week: "2026-09-09" }),
        422,
        "BEFORE_LOCK_DATE",
      );
      expect((await timeEntry(p.as.jane, open)).status).toBe("draft");
      expect((await timeEntry(p.as.jane, locked)).status).toBe("draft");
    } finally {
      await p.as.admin.patch("/firm", { lockDate: null });
    }
  });

  it("says on every entry answer whether it is locked, by status or by the lock date", async () => {
    const early = await newTime(p.as.jane, "2026-10-01");
    const late = await newTime(p.as.jane, "2026-10-02");
    expect((await timeEntry(p.as.jane, early)).locked).toBe(false);
    await p.as.jane.post("/time-entries/status", { ids: [late], status: "submitted" });
    await p.as.al.post("/time-entries/status", { ids: [late], status: "approved" });
    expect((await timeEntry(p.as.jane, late)).locked).toBe(true);

    await p.as.admin.patch("/firm", { lockDate: "2026-10-01" });
    try {
      expect((await timeEntry(p.as.jane, early)).locked).toBe(true);
      const listed = (await p.as.jane.get("/time-entries?from=2026-10-01&to=2026-10-02")).json<{
        items: EntryAnswer[];
      }>();
      expect(listed.items.map((e) => [e.id, e.locked])).toEqual([
        [early, true],
        [late, true],
      ]);
    } finally {
      await p.as.admin.patch("/firm", { lockDate: null });
    }
    expect((await timeEntry(p.as.jane, early)).locked).toBe(false);
    const created = await p.as.jane.post("/expense-entries", {
      clientId: p.clients.acme,
      workCodeId: p.workCodes.mile,
      date: "2026-10-03",
      quantity: 1,
    });
    expect(created.json()).toMatchObject({ locked: false, reviewComment: null });
  });
});
