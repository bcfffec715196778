/**
 * QuickBooks Online as an accounting target (../target.ts): lists through /query (every page,
 * inactive records included) or /cdc, creates and sparse updates with a requestid, time as
 * TimeActivity and expenses as Purchase, 30 to a /batch under the batch's own requestid.
 * Money crosses in qbo-postings.ts, which also checks QuickBooks stored it to the cent.
 */
import { createHash } from "node:crypto";
import {
  TargetError,
  type AccountingTarget,
  type ExpensePosting,
  type ExternalAccount,
  type ExternalRecord,
  type ListKind,
  type PostingResult,
  type RecordChange,
  type RecordDraft,
  type TimePosting,
} from "../target.js";
import { faultOf, QboClient, type QboClientOptions } from "./qbo-client.js";
import {
  purchaseEchoProblem,
  purchaseItem,
  timeActivityItem,
  timeAmountProblem,
  timeEchoProblem,
  type BatchItem,
} from "./qbo-postings.js";

type Entity = "Employee" | "Vendor" | "Customer" | "Item";
const ENTITY: Record<ListKind, Entity> = {
  employee: "Employee",
  vendor: "Vendor",
  customer: "Customer",
  item: "Item",
};
const plural = (entity: Entity | "Account") => `${entity}s`;

/** QuickBooks answers at most 1,000 rows a query, and /cdc at most 1,000 objects. */
const PAGE = 1000;
/** /cdc looks back 30 days; a day's margin keeps a slow clock from asking for 30 days and a second. */
const CDC_DAYS = 29;

type QboRecord = Record<string, unknown> & {
  Id: string;
  SyncToken?: string;
  DisplayName?: string;
  Name?: string;
  FullyQualifiedName?: string;
  Active?: boolean;
  ParentRef?: { value: string };
  Type?: string;
  status?: string;
  MetaData?: { LastUpdatedTime?: string };
};

type BatchAnswer = {
  BatchItemResponse?: (Record<string, unknown> & {
    bId: string;
    Fault?: { Error?: { code?: string; Message?: string; Detail?: string }[] };
  })[];
};

export interface QboTargetOptions extends QboClientOptions {
  /** The firm's currency digits (2 for cents): how amounts are written and read back. */
  minorDigits: number;
}

export class QboTarget implements AccountingTarget {
  readonly maxBatch = 30;
  private readonly client: QboClient;
  private accounts: Promise<ExternalAccount[]> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: QboTargetOptions) {
    this.client = new QboClient(options);
    this.now = () => (options.now ? options.now().getTime() : Date.now());
  }

  private toRecord(kind: ListKind, row: QboRecord): ExternalRecord {
    if (row.status === "Deleted")
      return { ...this.toRecord(kind, { ...row, status: undefined }), active: false, deleted: true };
    const name = String(kind === "item" ? (row.Name ?? "") : (row.DisplayName ?? ""));
    return {
      kind,
      externalId: row.Id,
      name,
      fullName: String(row.FullyQualifiedName ?? name),
      parentExternalId: row.ParentRef?.value ?? null,
      active: row.Active !== false,
      version: row.SyncToken ?? null,
      updatedAt: row.MetaData?.LastUpdatedTime ?? "",
    };
  }

  get booksId(): string {
    return this.options.realmId;
  }

  /**
   * Every record of a kind, inactive ones included (a query names `Active IN (true,false)`, as
   * QuickBooks otherwise answers active records only); items are service items.
   */
  listRecords(kind: ListKind): Promise<ExternalRecord[]> {
    return this.speaking(`the list of ${kind}s`, async () => {
      const conditions: unknown[] = [{ field: "Active", value: [true, false], operator: "IN" }];
      if (kind === "item") conditions.push({ field: "Type", value: "Service" });
      const rows = await this.queryAll(ENTITY[kind], conditions);
      return rows.map((row) => this.toRecord(kind, row));
    });
  }

  /**
   * What /cdc says changed since `since`, deleted records marked so; null when `since` is
   * beyond /cdc's 30 days or its 1,000 objects may have cut the answer short.
   */
  listChanges(kind: ListKind, since: string): Promise<ExternalRecord[] | null> {
    const sinceTime = Date.parse(since);
    if (Number.isNaN(sinceTime) || sinceTime <= this.now() - CDC_DAYS * 86_400_000)
      return Promise.resolve(null);
    return this.speaking(`the changes to ${kind}s`, async () => {
      const entity = ENTITY[kind];
      const answer = await this.client.call<{
        CDCResponse?: { QueryResponse?: Record<string, QboRecord[]>[] }[];
      }>("changeDataCapture", [entity], since);
      const rows = (answer.CDCResponse?.[0]?.QueryResponse ?? []).flatMap((part) => part[entity] ?? []);
      if (rows.length >= PAGE) return null;
      // /cdc answers every kind of item; the connector links service items only. A deleted
      // record carries no type: it is passed on, and marks inactive whatever had its id.
      const wanted =
        kind === "item" ? rows.filter((row) => row.status === "Deleted" || row.Type === "Service") : rows;
      return wanted.map((row) => this.toRecord(kind, row));
    });
  }

  /**
   * Pages a query ourselves (startposition/maxresults 1000) rather than with node-quickbooks'
   * fetchAll, which fetches the later pages behind our back: each page must pass the company's
   * limits and be retried on its own. A record moved between pages by a change is kept once.
   */
  private async queryAll(entity: Entity | "Account", conditions: unknown[]): Promise<QboRecord[]> {
    const rows = new Map<string, QboRecord>();
    for (let offset = 1; ; offset += PAGE) {
      const answer = await this.client.call<{ QueryResponse?: Record<string, QboRecord[]> }>(
        `find${plural(entity)}`,
        [...conditions, { field: "limit", value: PAGE }, { field: "offset", value: offset }],
      );
      const page = answer.QueryResponse?.[entity] ?? [];
      for (const row of page) rows.set(row.Id, row);
      if (page.length < PAGE) return [...rows.values()];
    }
  }

  async createRecord(draft: RecordDraft, requestId: string): Promise<ExternalRecord> {
    const entity = ENTITY[draft.kind];
    // QuickBooks refuses a longer requestid, and without one a lost answer could mean a duplicate.
    if (!requestId || requestId.length > 50)
      throw new TargetError("invalid", `a create's requestid must be 1 to 50 characters: "${requestId}"`);
    const body: Record<string, unknown> = { requestId };
    if (draft.kind === "item") {
      body.Name = draft.name;
      body.Type = "Service";
      // QuickBooks requires a service item to name the income account its sales go to.
      const income = (await this.listAccounts()).find((account) => account.type === "Income");
      if (!income)
        throw new TargetError(
          "invalid",
          `QuickBooks Online has no income account for the item "${draft.name}"`,
        );
      body.IncomeAccountRef = { value: income.externalId };
    } else {
      body.DisplayName = draft.name;
      if (draft.givenName) body.GivenName = draft.givenName;
      if (draft.familyName) body.FamilyName = draft.familyName;
      if (draft.email) body.PrimaryEmailAddr = { Address: draft.email };
      if (draft.parentExternalId)
        Object.assign(body, { Job: true, ParentRef: { value: draft.parentExternalId } });
    }
    try {
      return this.toRecord(draft.kind, await this.client.call<QboRecord>(`create${entity}`, body));
    } catch (error) {
      throw this.refusal(error, `"${draft.name}"`);
    }
  }

  async updateRecord(change: RecordChange): Promise<ExternalRecord> {
    const entity = ENTITY[change.kind];
    // A requestid per attempt and per content: QuickBooks answers a repeated requestid with its
    // first answer, which for a stale update is the same refusal, and for another change of the
    // same version (a name fixed after a 6240) would be the earlier change's answer.
    const content = createHash("sha256")
      .update(`${change.name}\n${change.active}`)
      .digest("hex")
      .slice(0, 12);
    const send = (version: string | null, attempt = 1) =>
      this.client.call<QboRecord>(`update${entity}`, {
        Id: change.externalId,
        SyncToken: version ?? "0",
        sparse: true,
        Active: change.active,
        ...(change.kind === "item" ? { Name: change.name } : { DisplayName: change.name }),
        requestId: `u-${content}-${attempt}-${version ?? "0"}-${change.externalId}`.slice(0, 50),
      });
    try {
      return this.toRecord(change.kind, await send(change.version));
    } catch (error) {
      if (faultOf(error)?.code !== "5010") throw this.refusal(error, `"${change.name}"`);
      // Someone changed it in QuickBooks meanwhile: read it fresh and apply ours once more.
      const fresh = await this.speaking(change.name, () =>
        this.client.call<QboRecord>(`get${entity}`, change.externalId),
      );
      try {
        return this.toRecord(change.kind, await send(fresh.SyncToken ?? null, 2));
      } catch (again) {
        if (faultOf(again)?.code === "5010")
          throw new TargetError(
            "stale",
            `${change.name} keeps changing in QuickBooks Online; try again later`,
          );
        throw this.refusal(again, `"${change.name}"`);
      }
    }
  }

  /** Time as TimeActivity; a posting whose amount QuickBooks would show otherwise is not sent. */
  async postTime(batchId: string, postings: TimePosting[]): Promise<PostingResult[]> {
    this.checkBatch(batchId, postings.length);
    const refused = new Map<string, string>();
    for (const posting of postings) {
      const problem = timeAmountProblem(posting, this.options.minorDigits);
      if (problem) refused.set(posting.transferId, problem);
    }
    const sendable = postings.filter((posting) => !refused.has(posting.transferId));
    const answers = await this.sendBatch(batchId, sendable.map(timeActivityItem));
    return postings.map((posting) => {
      const problem = refused.get(posting.transferId);
      if (problem) return { transferId: posting.transferId, ok: false, code: "invalid", message: problem };
      return this.outcome(posting.transferId, answers.get(posting.transferId), "TimeActivity", (stored) =>
        timeEchoProblem(stored, posting),
      );
    });
  }

  /** Expenses as Purchase (paid in cash from the company's bank account), to the employee or vendor. */
  async postExpenses(batchId: string, postings: ExpensePosting[]): Promise<PostingResult[]> {
    this.checkBatch(batchId, postings.length);
    if (postings.length === 0) return [];
    const bank = (await this.listAccounts()).find((account) => account.type === "Bank");
    if (!bank)
      throw new TargetError("invalid", "QuickBooks Online has no bank account to record expenses from");
    const digits = this.options.minorDigits;
    const answers = await this.sendBatch(
      batchId,
      postings.map((posting) => purchaseItem(posting, bank.externalId, digits)),
    );
    return postings.map((posting) =>
      this.outcome(posting.transferId, answers.get(posting.transferId), "Purchase", (stored) =>
        purchaseEchoProblem(stored, posting, digits),
      ),
    );
  }

  private checkBatch(batchId: string, size: number): void {
    if (size > this.maxBatch)
      throw new TargetError(
        "invalid",
        `a QuickBooks Online batch holds ${this.maxBatch} postings, not ${size}`,
      );
    if (!batchId || batchId.length > 36)
      throw new TargetError("invalid", `a batch id must be 1 to 36 characters: "${batchId}"`);
  }

  /** One /batch under the batch's requestid; its answers by bId. */
  private async sendBatch(batchId: string, items: BatchItem[]) {
    if (items.length === 0) return new Map<string, NonNullable<BatchAnswer["BatchItemResponse"]>[number]>();
    const answer = await this.speaking(`the batch ${batchId}`, () =>
      this.client.batch<BatchAnswer>(items, batchId),
    );
    return new Map((answer.BatchItemResponse ?? []).map((item) => [item.bId, item]));
  }

  private outcome(
    transferId: string,
    response: NonNullable<BatchAnswer["BatchItemResponse"]>[number] | undefined,
    entity: "TimeActivity" | "Purchase",
    echoProblem: (stored: Record<string, unknown>) => string | null,
  ): PostingResult {
    const stored = response?.[entity] as QboRecord | undefined;
    if (stored) {
      const warning = echoProblem(stored);
      return { transferId, ok: true, externalId: stored.Id, ...(warning ? { warning } : {}) };
    }
    const error = response?.Fault?.Error?.[0];
    return {
      transferId,
      ok: false,
      code: error?.code === "6240" ? "duplicate_name" : "invalid",
      message: [error?.Message, error?.Detail].filter(Boolean).join(": ") || "no answer for it in the batch",
    };
  }

  /** The company's active accounts (read once per connection: the expense mapping uses them). */
  async listAccounts(): Promise<ExternalAccount[]> {
    this.accounts ??= this.speaking("the chart of accounts", () => this.queryAll("Account", [])).then(
      (rows) =>
        rows.map((row) => ({
          externalId: row.Id,
          name: String(row.FullyQualifiedName ?? row.Name ?? ""),
          type: typeof row.AccountType === "string" ? row.AccountType : "",
        })),
    );
    try {
      return await this.accounts;
    } catch (error) {
      this.accounts = undefined;
      throw error;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /**
   * A QuickBooks refusal in the contract's words, so the core never reads Intuit's codes;
   * anything that is not QuickBooks answering (our own bugs) goes up as it is.
   */
  private refusal(error: unknown, what: string): unknown {
    if (error instanceof TargetError) return error;
    const fault = faultOf(error);
    if (!fault) return error;
    const detail = `${fault.code}: ${fault.message}`;
    if (fault.code === "6240")
      return new TargetError(
        "duplicate_name",
        `QuickBooks Online already has a record named ${what} (${fault.message})`,
        detail,
      );
    if (fault.code === "610" || fault.status === 404)
      return new TargetError("not_found", `${what} is not in QuickBooks Online`, detail);
    if (fault.code === "5010")
      return new TargetError("stale", `${what} changed in QuickBooks Online meanwhile`, detail);
    // 403: the company no longer lets this app in (disconnected, subscription lapsed).
    if (fault.status === 403)
      return new TargetError("reconnect", "QuickBooks Online refused this app access to the company", detail);
    return new TargetError("invalid", `QuickBooks Online refused ${what}: ${fault.message}`, detail);
  }

  /** Runs a read or a batch, its refusals in the contract's words. */
  private async speaking<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.refusal(error, what);
    }
  }
}
