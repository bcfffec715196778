/**
 * How a matrix row is written: the route it covers, how to build the request for an actor
 * (creating fresh records first where the request destroys something), and what each actor
 * must get back — a status, and for lists exactly the ids returned.
 */
import type { MultipartFile } from "../../src/test-support/receipts.js";
import type { TestServer } from "../../src/test-support/server.js";
import { ACTORS, type ActorName, type MatrixFixture } from "./actors.js";

export interface MatrixRequest {
  url: string;
  /** Sent as JSON. */
  payload?: unknown;
  /** Sent as multipart/form-data instead (uploads). */
  files?: MultipartFile[];
  /** Text fields of that form, sent before the files. */
  fields?: Record<string, string>;
}

export type Expected = number | { status: number; ids: string[] };

export interface MatrixRow {
  /** "METHOD /f/:firm/api/v1/path" exactly as registered. */
  route: string;
  name?: string;
  request: (
    fx: MatrixFixture,
    actor: ActorName,
    server: TestServer,
  ) => Promise<MatrixRequest> | MatrixRequest;
  expect: (actor: ActorName, fx: MatrixFixture) => Expected;
  /** Where list ids are found in the response body (default: items[].id). */
  ids?: (body: unknown) => string[];
}

/** Callers who are not signed in to this firm: nobody, and another firm's user. */
export const OUTSIDERS: readonly ActorName[] = ["anonymous", "otherFirmUser", "otherFirmContact"];

/** Actors who may, with `ok`; outsiders 401; everyone else `denied`, or `hidden` (404) if listed. */
export function only(
  allowed: readonly ActorName[],
  ok: number,
  rest: { denied?: number; hidden?: readonly ActorName[] } = {},
) {
  return (actor: ActorName): number => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    if (rest.hidden?.includes(actor)) return 404;
    return rest.denied ?? 403;
  };
}

/** Every signed-in actor of the firm gets `ok`. */
export const anySignedIn = (ok: number) =>
  only(
    ACTORS.filter((actor) => !OUTSIDERS.includes(actor)),
    ok,
  );

export const A = "/f/alpha/api/v1";

/** Groups of actors that recur in expectations. */
export const SYSTEM_ADMINS: readonly ActorName[] = ["admin"];
export const SYSTEM_CONTENT_READERS: readonly ActorName[] = [
  "admin",
  "entitiesAdmin",
  "ownerSystem",
  "editorSystem",
  "viewerSystem",
];
export const ACME_ONLY_READERS: readonly ActorName[] = [
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
  "contactOfEntity",
  "contactCollaborator",
];
/** ACME's portal contacts: Entity Access and Entity Collaborator on ACME. */
export const ACME_CONTACTS: readonly ActorName[] = ["contactOfEntity", "contactCollaborator"];
export const STAFF_USERS: readonly ActorName[] = ACTORS.filter(
  (actor) => !OUTSIDERS.includes(actor) && !actor.startsWith("contact"),
);
