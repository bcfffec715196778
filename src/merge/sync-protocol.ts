/**
 * The merge protocol's messages, as zod schemas shared by the cloud's routes and the desktop's
 * client. Every answer carries the cloud's epoch and schema version, so a desktop notices a
 * restored cloud or a version mismatch on any exchange.
 */
import { z } from "zod";

const fieldValue = z.union([z.string().max(100_000), z.number().int(), z.null()]);

export const wireChange = z.strictObject({
  hlc: z.string().max(80),
  tbl: z.string().max(60),
  rowId: z.string().max(200),
  op: z.enum(["put", "delete"]),
  data: z.record(z.string().max(60), fieldValue),
  seen: z.number().int().min(0).nullable(),
  /** Who made it: a user's email (a desktop's OS user before protection), when known. */
  author: z.string().max(320).nullable().optional(),
});
export type WireChange = z.infer<typeof wireChange>;

export const sequencedChange = wireChange.extend({ seq: z.number().int() });
export type SequencedChange = z.infer<typeof sequencedChange>;

export const MAX_PUSH_CHANGES = 1000;

/** The newest of the desktop's own changes it has an answer for ("" or null: none yet). */
const acked = z
  .string()
  .max(80)
  .regex(/^[0-9a-z-]*$/)
  .describe(
    "the newest of this replica's changes the desktop has an answer for; lets the cloud tell a copied file",
  );

export const pushRequest = z.strictObject({
  schema: z.string().max(60),
  replica: z.string().regex(/^[0-9a-z-]{1,40}$/),
  batchId: z.string().min(1).max(120),
  acked: acked.nullable().optional(),
  changes: z.array(wireChange).max(MAX_PUSH_CHANGES),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResult = z.object({
  hlc: z.string(),
  tbl: z.string(),
  rowId: z.string(),
  status: z.enum(["accepted", "refused"]),
  seq: z.number().int().nullable(),
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export type PushResult = z.infer<typeof pushResult>;

const cloudFacts = {
  epoch: z.string(),
  schema: z.string(),
  cloudReplica: z.string(),
  head: z.number().int(),
};

export const pushAnswer = z.object({
  ...cloudFacts,
  results: z.array(pushResult),
  /** Cloud changes made while applying the batch (a rename keeping a code unique). */
  followUps: z.array(sequencedChange),
});
export type PushAnswer = z.infer<typeof pushAnswer>;

export const pullQuery = z.strictObject({
  schema: z.string().max(60),
  replica: z.string().regex(/^[0-9a-z-]{1,40}$/),
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  /** The integrated file's id: lets staff without the Merge permission pull for their file. */
  fileId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  /** Long poll: with nothing new, wait up to this many seconds for a change. */
  wait: z.coerce.number().int().min(0).max(60).default(0),
  acked: acked.optional(),
});
export type PullQuery = z.infer<typeof pullQuery>;

export const pullAnswer = z.object({
  ...cloudFacts,
  changes: z.array(sequencedChange),
  /** The cursor to ask after next time; below the head while `more` is true. */
  next: z.number().int(),
  more: z.boolean(),
});
export type PullAnswer = z.infer<typeof pullAnswer>;

/**
 * A desktop file's permissions, uploaded once at integration (merge.md): its custom roles by
 * name, and every role assignment with its role by name and its principal as the cloud can find
 * it (a user by email; staff and contact groups by id, merged with the records already).
 */
export const permissionsUpload = z.strictObject({
  roles: z
    .array(
      z.strictObject({ name: z.string().min(1).max(60), grants: z.record(z.string(), z.string().max(6)) }),
    )
    .max(1000),
  assignments: z
    .array(
      z.strictObject({
        id: z.string().max(40),
        role: z.string().min(1).max(60),
        principal: z.discriminatedUnion("kind", [
          z.strictObject({ kind: z.literal("user"), email: z.string().max(320) }),
          z.strictObject({ kind: z.literal("staff_group"), id: z.string().max(40) }),
          z.strictObject({ kind: z.literal("contact_group"), id: z.string().max(40) }),
        ]),
        scope: z.enum(["system", "entity", "item"]),
        entityId: z.string().max(40).nullable(),
        itemId: z.string().max(40).nullable(),
        createdAt: z.string().max(40),
      }),
    )
    .max(200_000),
});
export type PermissionsUpload = z.infer<typeof permissionsUpload>;

export const permissionsAnswer = z.object({
  roles: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  assignments: z.object({ created: z.number().int(), already: z.number().int() }),
  refused: z.array(z.object({ what: z.string(), code: z.string(), message: z.string() })),
});
export type PermissionsAnswer = z.infer<typeof permissionsAnswer>;
