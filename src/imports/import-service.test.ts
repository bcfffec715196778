import { describe, expect, it } from "vitest";
import type { RowProblem } from "../domain/errors.js";
import { listClients } from "../firm-setup/client-service.js";
import { listContactCompanies, listContacts } from "../firm-setup/contact-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { listRates, setRate } from "../firm-setup/rate-service.js";
import { getStaff, listStaff } from "../firm-setup/staff-service.js";
import { getWorkCode, listWorkCodes } from "../firm-setup/work-code-service.js";
import { listAudit } from "../store/audit.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { listExpenseEntries } from "../time-expense/expense-entry-service.js";
import { listTimeEntries } from "../time-expense/time-entry-service.js";
import { importRecords, type ImportKindName, type ImportRequest } from "./import-service.js";

const lines = (...rows: string[]): string => rows.join("\n") + "\n";

describe.each(ENGINES)("imports on %s", (engine) => {
  const t = useTestFirm(engine, { lockDate: "2026-01-31" });
  const run = (kind: ImportKindName, text: string, options: Partial<ImportRequest> = {}) =>
    importRecords(t.store.db, t.scope, { kind, text, ...options });

  /** How many of each record the firm holds: a failed import must leave every count as it was. */
  async function counts() {
    const { db } = t.store;
    return {
      workCodes: (await listWorkCodes(db, t.scope)).length,
      staff: (await listStaff(db, t.scope)).length,
      clients: (await listClients(db, t.scope)).length,
      contacts: (await listContacts(db, t.scope)).length,
      companies: (await listContactCompanies(db, t.scope)).length,
      time: (await listTimeEntries(db, t.scope)).length,
      expenses: (await listExpenseEntries(db, t.scope)).length,
      rates: (await listRates(db, t.scope)).length,
    };
  }

  async function problemsOf(work: Promise<unknown>): Promise<RowProblem[]> {
    const error = await work.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: "IMPORT_INVALID" });
    return (error as { details: { problems: RowProblem[] } }).details.problems;
  }

  it("imports work codes as firms list them: Code, Type (B/NB), Name, Rate, Surcharge, with optional Kind and Note", async () => {
    const result = await run(
      "workcodes",
      lines(
        "Code, Type, Name, Rate, Surcharge, Kind, Note",
        "AUD, B, Audit work, 150.00, , time, partner review only",
        "ADM, NB, Administration, , 0,",
        "tax, b, Tax returns, 13.125, ,",
        "MILE, B, Mileage, 0.655, 15%, Expense,",
        "COPY, NB, Photocopies, 0.10, 2.5, expense,",
      ),
    );
    expect(result).toMatchObject({ kind: "workcodes", rows: 5, created: 5, skipped: [], problems: [] });
    const { db } = t.store;
    expect(await getWorkCode(db, t.scope, "AUD")).toMatchObject({
      kind: "time",
      billable: true,
      name: "Audit work",
      internalNote: "partner review only",
    });
    expect(await getWorkCode(db, t.scope, "ADM")).toMatchObject({ billable: false, surchargeBp: 0 });
    expect(await getWorkCode(db, t.scope, "MILE")).toMatchObject({
      kind: "expense",
      billable: true,
      surchargeBp: 1500,
    });
    expect(await getWorkCode(db, t.scope, "COPY")).toMatchObject({
      kind: "expense",
      billable: false,
      surchargeBp: 250,
    });
    const rates = await listRates(db, t.scope);
    const rateOf = async (code: string) => {
      const { id } = await getWorkCode(db, t.scope, code);
      return rates.find((rate) => rate.workCodeId === id)?.rate;
    };
    expect([await rateOf("AUD"), await rateOf("TAX"), await rateOf("ADM"), await rateOf("MILE")]).toEqual([
      1_500_000,
      131_250,
      undefined,
      6_550,
    ]);
    expect(await listAudit(db, t.scope.firm.id, "import")).toHaveLength(1);
  });

  const badWorkCodes = lines(
    "Code,Type,Name,Rate,Surcharge",
    "NEW1,B,New one,150,",
    "AUD,B,Audit again,100,",
    "NEW2,X,Bad type,abc,",
    "new1,NB,Twice,,",
    ",B,No code,,",
    "NEW3,B,Time with surcharge,,5",
  );

  it("gives every bad row its own reason and line, and writes nothing", async () => {
    const before = await counts();
    expect(await problemsOf(run("workcodes", badWorkCodes))).toEqual([
      { line: 3, reason: "work code AUD already exists" },
      { line: 4, reason: 'billable "X" must be B or NB; rate "abc" is not a number' },
      { line: 5, reason: "work code NEW1 is already on line 2" },
      { line: 6, reason: "Code is empty" },
      { line: 7, reason: "a surcharge applies to expense work codes only" },
    ]);
    await expect(run("workcodes", badWorkCodes)).rejects.toMatchObject({
      message: "5 of 6 rows have problems; nothing was imported",
    });
    expect(await counts()).toEqual(before);
  });

  it("checks without writing in a dry run", async () => {
    const before = await counts();
    const result = await run("workcodes", badWorkCodes, { dryRun: true, skipBad: true });
    expect(result).toMatchObject({ dryRun: true, rows: 6, created: 1 });
    expect(result.skipped.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 7]);
    expect(await counts()).toEqual(before);
  });

  it("with skipBad imports the good rows and reports the skipped ones", async () => {
    const before = await counts();
    const result = await run("workcodes", badWorkCodes, { skipBad: true });
    expect(result.created).toBe(1);
    expect(result.skipped).toEqual(result.problems);
    expect(result.skipped.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 7]);
    expect(await counts()).toEqual({ ...before, workCodes: before.workCodes + 1, rates: before.rates + 1 });
    expect((await getWorkCode(t.store.db, t.scope, "NEW1")).name).toBe("New one");
  });

  it("imports staff with groups separated by ~, and refuses duplicate numbers and emails", async () => {
    const result = await run(
      "staff",
      lines(
        "Number,First Name,Last Name,Email,Groups,Status,Inactive Date",
        "JD,Jane,Doe,Jane@Firm.test,Tax~Audit,,",
        "bk,Bo,King,,Tax,active,",
        "OLD,Old,Timer,old@firm.test,,Inactive,2026-03-01",
      ),
    );
    expect(result.created).toBe(3);
    expect(await getStaff(t.store.db, t.scope, "JD")).toMatchObject({
      email: "jane@firm.test",
      groups: ["Audit", "Tax"],
    });
    expect(await getStaff(t.store.db, t.scope, "BK")).toMatchObject({
      firstName: "Bo",
      groups: ["Tax"],
      status: "active",
    });
    expect(await getStaff(t.store.db, t.scope, "OLD")).toMatchObject({
      status: "inactive",
      inactiveDate: "2026-03-01",
    });

    const before = await counts();
    const problems = await problemsOf(
      run(
        "staff",
        lines(
          "Staff Number,First Name,Last Name,Email",
          "NEW,New,Person,jane@firm.test",
          "N2,Two,,new@firm.test",
          "N3,Three,X,NEW@firm.test",
          "jd,Again,Doe,",
        ),
      ),
    );
    expect(problems).toEqual([
      { line: 2, reason: "email jane@firm.test is already used by staff JD" },
      { line: 3, reason: "Last Name is empty" },
      // A bad row still claims its email: both rows need the user's attention.
      { line: 4, reason: "email new@firm.test is already on line 3" },
      { line: 5, reason: "staff number JD is already used" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("imports clients with quoted commas and line breaks, partner and manager by staff number, creating missing contact companies", async () => {
    const result = await run(
      "clients",
      lines(
        "Code,Name,Partner,Manager,Contact Company,Address,Notes",
        'ACME,"Acme Holdings, Inc.",JD,BK,Acme Group,"1 High St, Leeds",',
        'BETA,Beta & Sons,jd,,ACME  group,,"Notes, with ""quotes"""',
        'GAMMA,Gamma,,,Gamma Holdings,"2 Low Rd',
        'Leeds",',
      ),
    );
    expect(result).toMatchObject({ created: 3, contactCompaniesCreated: ["Acme Group", "Gamma Holdings"] });
    const clients = new Map((await listClients(t.store.db, t.scope)).map((client) => [client.code, client]));
    const jd = await getStaff(t.store.db, t.scope, "JD");
    expect(clients.get("ACME")).toMatchObject({
      name: "Acme Holdings, Inc.",
      partnerId: jd.id,
      address: "1 High St, Leeds",
    });
    expect(clients.get("BETA")).toMatchObject({
      notes: 'Notes, with "quotes"',
      contactCompanyId: clients.get("ACME")!.contactCompanyId,
    });
    expect(clients.get("GAMMA")!.address).toBe("2 Low Rd\nLeeds");

    const before = await counts();
    const problems = await problemsOf(
      run(
        "clients",
        lines(
          "Code,Name,Partner,Contact Company,Address",
          'DELTA,Delta,ZZ,Delta Co,"3 Mill Lane',
          'York"',
          "ACME,Acme again,,,",
          "EPS ILON,Epsilon,,,",
        ),
      ),
    );
    expect(problems).toEqual([
      { line: 2, reason: 'partner (staff) "ZZ" does not exist' },
      { line: 4, reason: "client code ACME already exists" },
      { line: 5, reason: 'client code "EPS ILON" may not contain spaces or any of * ? " ~ ,' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("imports contacts from pasted tab-separated rows, clients separated by ~", async () => {
    const pasted = [
      "First Name\tLast Name\tEmail\tWork Phone\tMobile Phone\tContact Company\tClients",
      "Ann\tSmith\tann@acme.test\t555-0100\t\tacme group\tACME~beta",
      "Bob\tJones\t\t\t555-0199\tNew Co\tGAMMA",
      "Cy\tBad\tANN@acme.test\t\t\tOnly Bad Co\tNOPE~ACME~NADA",
    ].join("\r\n");
    const result = await run("contacts", pasted, { skipBad: true });
    expect(result).toMatchObject({ created: 2, contactCompaniesCreated: ["New Co"] });
    expect(result.skipped).toEqual([
      {
        line: 4,
        reason:
          'client "NOPE" does not exist; client "NADA" does not exist; contact email ann@acme.test is already on line 2',
      },
    ]);
    const ann = (await listContacts(t.store.db, t.scope)).find(
      (contact) => contact.email === "ann@acme.test",
    )!;
    const acmeGroup = (await listContactCompanies(t.store.db, t.scope)).find(
      (company) => company.name === "Acme Group",
    )!;
    expect(ann).toMatchObject({
      workPhone: "555-0100",
      clients: ["ACME", "BETA"],
      contactCompanyId: acmeGroup.id,
    });
    expect((await listContactCompanies(t.store.db, t.scope)).map((company) => company.name)).not.toContain(
      "Only Bad Co",
    );
  });

  it("refuses an unknown column once, however many rows, and writes nothing", async () => {
    const before = await counts();
    const rows = Array.from({ length: 50 }, () => "JD,ACME,AUD,2026-02-02,1h,blue");
    const problems = await problemsOf(
      run("time", lines("Staff,Client,Work Code,Date,Duration,Colour", ...rows), { skipBad: true }),
    );
    expect(problems).toEqual([
      {
        line: 1,
        reason:
          'unknown column "Colour"; time entries take: Staff, Client, Project (optional), Work Code, Date, ' +
          "Duration, Billable (optional), Description (optional)",
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("prices imported time by rate resolution, as time add does", async () => {
    const { db } = t.store;
    await setRate(db, t.scope, { staff: "JD", rate: 1_750_000, effectiveDate: "2026-02-01" });
    await setRate(db, t.scope, {
      client: "BETA",
      workCode: "AUD",
      rate: 2_000_000,
      effectiveDate: "2026-03-01",
    });
    await addProject(db, t.scope, { client: "ACME", code: "YE2026", name: "Year end 2026" });
    const progress: string[] = [];
    const result = await run(
      "time",
      lines(
        "Staff,Client,Project,Work Code,Date,Duration,Billable,Description",
        "JD,ACME,YE2026,AUD,2026-02-02,1:30,,Year-end audit",
        "BK,acme,,aud,2026-02-02,90,,",
        "JD,BETA,,AUD,2026-03-02,0.5h,NB,Review",
        "JD,BETA,,AUD,2026-02-27,1h,,",
      ),
      { onProgress: (stage, done, total) => progress.push(`${stage} ${done}/${total}`) },
    );
    expect(result).toMatchObject({
      created: 4,
      totals: { minutes: 270, amount: 26_250 + 22_500 + 10_000 + 17_500 },
    });
    expect(progress).toEqual(["checking 4/4", "writing 4/4"]);
    const entries = await listTimeEntries(db, t.scope, { from: "2026-02-01" });
    const priced = entries.map((entry) => [
      entry.date,
      entry.minutes,
      entry.rate,
      entry.rateSource,
      entry.amount,
      entry.billable,
    ]);
    expect(priced).toEqual(
      expect.arrayContaining([
        ["2026-02-02", 90, 1_750_000, "staff", 26_250, true],
        ["2026-02-02", 90, 1_500_000, "work_code", 22_500, true],
        ["2026-03-02", 30, 2_000_000, "client_work_code", 10_000, false],
        ["2026-02-27", 60, 1_750_000, "staff", 17_500, true],
      ]),
    );
    expect(entries.find((entry) => entry.description === "Year-end audit")?.projectId).not.toBeNull();
  });

  it("applies the entry rules of time add to every row: kind, lock date, inactive staff, references, duration", async () => {
    const before = await counts();
    const problems = await problemsOf(
      run(
        "time",
        lines(
          "Staff,Client,Project,Work Code,Date,Duration",
          "JD,ACME,,MILE,2026-02-02,1h",
          "JD,ACME,,AUD,2026-01-15,1h",
          "OLD,ACME,,AUD,2026-03-15,1h",
          "JD,NOPE,,AUD,2026-02-02,1h",
          "JD,ACME,,XX,2026-02-02,1h",
          "JD,ACME,NOPE,AUD,2026-02-02,1h",
          "JD,ACME,,AUD,2026-02-30,abc",
          "JD,ACME,,AUD,2026-02-02,25h",
          "JD,ACME,,AUD,2026-02-02,1h",
        ),
      ),
    );
    expect(problems).toEqual([
      { line: 2, reason: "work code MILE is an expense code; a time entry needs a time work code" },
      { line: 3, reason: "2026-01-15 is on or before the firm's lock date 2026-01-31" },
      { line: 4, reason: "staff OLD is inactive since 2026-03-01" },
      { line: 5, reason: 'client "NOPE" does not exist' },
      { line: 6, reason: 'work code "XX" does not exist' },
      { line: 7, reason: 'project "ACME/NOPE" does not exist' },
      { line: 8, reason: 'duration "abc" is not minutes ("90"), hours ("1.5h") or h:mm ("1:30")' },
      { line: 9, reason: "an entry may not exceed 24 hours (1500 minutes given)" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("imports expenses: quantity and stated or resolved unit rates, with the work code's surcharge", async () => {
    const result = await run(
      "expenses",
      lines(
        "Staff,Client,Work Code,Date,Quantity,Unit Rate,Billable,Description",
        "JD,ACME,MILE,2026-02-03,120,,,Client visit",
        "JD,ACME,COPY,2026-02-03,,12.50,,Binding",
        "JD,ACME,AUD,2026-02-03,1,,,Wrong kind",
      ),
      { skipBad: true },
    );
    expect(result).toMatchObject({ created: 2, totals: { amount: 9_039 + 1_281 } });
    expect(result.skipped).toEqual([
      { line: 4, reason: "work code AUD is a time code; an expense entry needs an expense work code" },
    ]);
    const entries = await listExpenseEntries(t.store.db, t.scope);
    expect(
      entries.map((entry) => [
        entry.quantity,
        entry.unitRate,
        entry.rateSource,
        entry.surchargeBp,
        entry.amount,
        entry.billable,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [120_000, 6_550, "work_code", 1_500, 9_039, true],
        [1_000, 125_000, "entered", 250, 1_281, false],
      ]),
    );
  });
});
