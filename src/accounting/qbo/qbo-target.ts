/**
 * QuickBooks Online as an accounting target (../target.ts): lists through /query (every page,
 * inactive records included) or /cdc, creates and sparse updates with a requestid, time as
 * TimeActivity and expenses as Purchase, 30 to a /batch under the batch's own requestid.
 *
 * Money leaves as integers turned into decimal text by formatScaled (minor units with the
 * firm's digits; rates in ten-thousandths) and is handed to the JSON body as that number: the
 * wire format is the only place it is not an integer.
 */
import { formatScaled, RATE_SCALE } from "../../domain/money.js";
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

type Entity = "Employee" | "Vendor" | "Customer" | "Item";
const ENTITY: Record<ListKind, Entity> = {
  employee: "Employee",
  vendor: "Vendor",
  customer: "Customer",
  item: "Item",
};
const plural = (entity: Entity) => `${entity}s`;

type QboRecord = Record<string, unknown> & {
  Id: string;
  SyncToken?: string;
  DisplayName?: string;
  Name?: string;
  FullyQualifiedName?: string;
  Active?: boolean;
  ParentRef?: { value: string };
  MetaData?: { LastUpdatedTime?: string };
};

/** A JSON number from an exact decimal text (the one float in the path, at the wire). */
const wireNumber = (text: string): number => Number(text);

export interface QboTargetOptions extends QboClientOptions {
  minorDigits: number;
}

export class QboTarget implements AccountingTarget {
  readonly maxBatch = 30;
  private readonly client: QboClient;
  private accounts: ExternalAccount[] | undefined;

  constructor(private readonly options: QboTargetOptions) {
    this.client = new QboClient(options);
  }

  private toRecord(kind: ListKind, row: QboRecord): ExternalRecord {
    const name = String(kind === "item" ? (row.Name ?? "") : (row.DisplayName ?? ""));
    return {
      kind,
      externalId: row.Id,
      name,
      fullName: String(row.FullyQualifiedName ?? name),
      parentExternalId: row.ParentRef?.value ?? null,
      active: row.Active !== false && row.status !== "Deleted",
      version: row.SyncToken ?? null,
      updatedAt: row.MetaData?.LastUpdatedTime ?? "",
    };
  }

  async listRecords(kind: ListKind, changedSince?: string): Promise<ExternalRecord[]> {
    const entity = ENTITY[kind];
    const thirtyDays = Date.now() - 29 * 86_400_000;
    if (changedSince && Date.parse(changedSince) > thirtyDays) {
      const answer = await this.client.call<{
        CDCResponse?: { QueryResponse?: Record<string, QboRecord[]>[] }[];
      }>("changeDataCapture", [entity], changedSince);
      const rows = (answer.CDCResponse?.[0]?.QueryResponse ?? []).flatMap((part) => part[entity] ?? []);
      return rows.map((row) => this.toRecord(kind, row));
    }
    const answer = await this.client.call<{ QueryResponse?: Record<string, QboRecord[]> }>(
      `find${plural(entity)}`,
      [
        { field: "Active", value: [true, false], operator: "IN" },
        { field: "fetchAll", value: true },
      ],
    );
    return (answer.QueryResponse?.[entity] ?? []).map((row) => this.toRecord(kind, row));
  }

  async createRecord(draft: RecordDraft, requestId: string): Promise<ExternalRecord> {
    const entity = ENTITY[draft.kind];
    const body: Record<string, unknown> = { requestId };
    if (draft.kind === "item") {
      body.Name = draft.name;
      body.Type = "Service";
      const income = (await this.listAccounts()).find((account) => account.type === "Income");
      if (income) body.IncomeAccountRef = { value: income.externalId };
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
      throw this.refusal(error, draft.name);
    }
  }

  async updateRecord(change: RecordChange): Promise<ExternalRecord> {
    const entity = ENTITY[change.kind];
    // A requestid per attempt: QuickBooks answers a repeated requestid with its first answer,
    // which for a stale update is the same refusal.
    const send = (version: string | null, attempt = 1) =>
      this.client.call<QboRecord>(`update${entity}`, {
        Id: change.externalId,
        SyncToken: version ?? "0",
        sparse: true,
        Active: change.active,
        ...(change.kind === "item" ? { Name: change.name } : { DisplayName: change.name }),
        requestId: `ft-u-${change.externalId}-${version ?? "0"}-${attempt}`.slice(0, 50),
      });
    try {
      return this.toRecord(change.kind, await send(change.version));
    } catch (error) {
      if (faultOf(error)?.code !== "5010") throw this.refusal(error, change.name);
      // Someone changed it in QuickBooks meanwhile: read it fresh and apply ours once more.
      const fresh = await this.client.call<QboRecord>(`get${entity}`, change.externalId);
      try {
        return this.toRecord(change.kind, await send(fresh.SyncToken ?? null, 2));
      } catch (again) {
        if (faultOf(again)?.code === "5010")
          throw new TargetError(
            "stale",
            `${change.name} keeps changing in QuickBooks Online; try again later`,
          );
        throw this.refusal(again, change.name);
      }
    }
  }

  async postTime(batchId: string, postings: TimePosting[]): Promise<PostingResult[]> {
    const items = postings.map((posting) => ({
      bId: posting.transferId,
      operation: "create",
      TimeActivity: {
        TxnDate: posting.date,
        NameOf: posting.workerKind === "vendor" ? "Vendor" : "Employee",
        [posting.workerKind === "vendor" ? "VendorRef" : "EmployeeRef"]: { value: posting.workerExternalId },
        CustomerRef: { value: posting.customerExternalId },
        ...(posting.itemExternalId ? { ItemRef: { value: posting.itemExternalId } } : {}),
        Hours: Math.floor(posting.minutes / 60),
        Minutes: posting.minutes % 60,
        HourlyRate: wireNumber(formatScaled(posting.rate, RATE_SCALE, 2)),
        BillableStatus: posting.billable ? "Billable" : "NotBillable",
        Description: posting.description.slice(0, 4000),
      },
    }));
    return this.sendBatch(batchId, items, "TimeActivity");
  }

  async postExpenses(batchId: string, postings: ExpensePosting[]): Promise<PostingResult[]> {
    const bank = (await this.listAccounts()).find((account) => account.type === "Bank");
    if (!bank)
      throw new TargetError("invalid", "QuickBooks Online has no bank account to record expenses from");
    const digits = this.options.minorDigits;
    const items = postings.map((posting) => ({
      bId: posting.transferId,
      operation: "create",
      Purchase: {
        TxnDate: posting.date,
        PaymentType: "Cash",
        AccountRef: { value: bank.externalId },
        EntityRef: {
          value: posting.payeeExternalId,
          type: posting.payeeKind === "vendor" ? "Vendor" : "Employee",
        },
        PrivateNote: posting.description.slice(0, 4000),
        Line: [
          {
            Amount: wireNumber(formatScaled(posting.amount, digits)),
            DetailType: "AccountBasedExpenseLineDetail",
            Description: posting.description.slice(0, 4000),
            AccountBasedExpenseLineDetail: {
              AccountRef: { value: posting.accountExternalId },
              CustomerRef: { value: posting.customerExternalId },
              BillableStatus: posting.billable ? "Billable" : "NotBillable",
            },
          },
        ],
      },
    }));
    return this.sendBatch(batchId, items, "Purchase");
  }

  private async sendBatch(
    batchId: string,
    items: { bId: string }[],
    entity: string,
  ): Promise<PostingResult[]> {
    if (items.length === 0) return [];
    const answer = await this.client.batch<{
      BatchItemResponse?: (Record<string, unknown> & {
        bId: string;
        Fault?: { Error?: { code?: string; Message?: string; Detail?: string }[] };
      })[];
    }>(items, batchId);
    const byId = new Map((answer.BatchItemResponse ?? []).map((item) => [item.bId, item]));
    return items.map((item): PostingResult => {
      const response = byId.get(item.bId);
      const record = response?.[entity] as QboRecord | undefined;
      if (record) return { transferId: item.bId, ok: true, externalId: record.Id };
      const error = response?.Fault?.Error?.[0];
      return {
        transferId: item.bId,
        ok: false,
        code: error?.code === "6240" ? "duplicate_name" : "invalid",
        message:
          [error?.Message, error?.Detail].filter(Boolean).join(": ") || "no answer for it in the batch",
      };
    });
  }

  async listAccounts(): Promise<ExternalAccount[]> {
    if (this.accounts) return this.accounts;
    const answer = await this.client.call<{ QueryResponse?: { Account?: QboRecord[] } }>("findAccounts", [
      { field: "fetchAll", value: true },
    ]);
    this.accounts = (answer.QueryResponse?.Account ?? []).map((row) => ({
      externalId: row.Id,
      name: String(row.Name ?? ""),
      type: typeof row.AccountType === "string" ? row.AccountType : "",
    }));
    return this.accounts;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** A QuickBooks refusal in our words; anything else goes up as it is. */
  private refusal(error: unknown, name: string): unknown {
    if (error instanceof TargetError) return error;
    const fault = faultOf(error);
    if (!fault || fault.status !== 400) return error;
    if (fault.code === "6240")
      return new TargetError(
        "duplicate_name",
        `QuickBooks Online already has a record named "${name}"`,
        fault.message,
      );
    if (fault.code === "610")
      return new TargetError("not_found", `"${name}" is not in QuickBooks Online`, fault.message);
    return new TargetError("invalid", `QuickBooks Online refused "${name}": ${fault.message}`, fault.code);
  }
}
