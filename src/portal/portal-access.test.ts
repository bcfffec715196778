/**
 * The portal's rules alone: who may read, upload, version, edit and delete each kind of file,
 * on each side, from the built-in roles as the access model grants them.
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, type BuiltInRoleName, type Rights } from "../access/permissions.js";
import type { EntityFileKind } from "../store/tables.js";
import {
  contactCollaborates,
  contactOnRequest,
  contactReaches,
  mayOnFile,
  sideOf,
  staffRunsRequests,
  type FileAction,
} from "./portal-access.js";

const ACME = "acme-id";
const GLOBEX = "globex-id";
const ACTIONS: FileAction[] = ["read", "upload", "version", "edit", "delete"];
const KINDS: EntityFileKind[] = ["firm", "shared", "client"];

function rights(
  side: "staff" | "contact",
  roles: [BuiltInRoleName, "system" | "entity"][],
  extra: Partial<Rights> = {},
): Rights {
  return {
    unrestricted: false,
    staffId: side === "staff" ? "staff-id" : null,
    contactId: side === "contact" ? "contact-id" : null,
    assignments: roles.map(([role, scope]) => ({
      grants: BUILT_IN_ROLES[role].grants,
      scope,
      entityId: scope === "entity" ? ACME : null,
      itemId: null,
    })),
    managedEntityIds: new Set(),
    ...extra,
  };
}

/** What `who` may do on ACME, as "action kind" pairs. */
const allowed = (who: Rights, entityId = ACME) =>
  ACTIONS.flatMap((action) =>
    KINDS.filter((kind) => mayOnFile(who, action, entityId, kind)).map((kind) => `${action} ${kind}`),
  );

describe("the portal's file rules", () => {
  it("lets a contact with Entity Access read what the firm shared and what the client uploaded, nothing more", () => {
    const eve = rights("contact", [["Contact – Entity Access", "entity"]]);
    expect(sideOf(eve)).toBe("contact");
    expect(contactReaches(eve, ACME)).toBe(true);
    expect(contactCollaborates(eve, ACME)).toBe(false);
    expect(allowed(eve)).toEqual(["read shared", "read client"]);
    expect(allowed(eve, GLOBEX)).toEqual([]);
  });

  it("lets a collaborating contact add and version the client's own files, never the firm's, never delete", () => {
    const carla = rights("contact", [["Contact – Entity Collaborator", "entity"]]);
    expect(contactCollaborates(carla, ACME)).toBe(true);
    expect(allowed(carla)).toEqual(["read shared", "read client", "upload client", "version client"]);
    expect(allowed(carla, GLOBEX)).toEqual([]);
  });

  it("keeps firm-only files from a contact even when a firm gave them a staff role by mistake", () => {
    const confused = rights("contact", [
      ["Owner", "entity"],
      ["Admin", "system"],
    ]);
    expect(allowed(confused)).toEqual(["read shared", "read client", "upload client", "version client"]);
  });

  it("gives staff the files rights of their roles on every kind, and lets them file only firm and shared ones", () => {
    const owner = rights("staff", [["Owner", "entity"]]);
    expect(allowed(owner)).toEqual([
      "read firm",
      "read shared",
      "read client",
      "upload firm",
      "upload shared",
      "version firm",
      "version shared",
      "version client",
      "edit firm",
      "edit shared",
      "edit client",
      "delete firm",
      "delete shared",
      "delete client",
    ]);
    expect(allowed(owner, GLOBEX)).toEqual([]);
    const viewer = rights("staff", [["Viewer", "system"]]);
    expect(allowed(viewer)).toEqual(["read firm", "read shared", "read client"]);
    expect(allowed(viewer, GLOBEX)).toEqual(["read firm", "read shared", "read client"]);
    const editor = rights("staff", [["Editor", "entity"]]);
    expect(allowed(editor).filter((pair) => pair.startsWith("delete"))).toEqual([]);
    expect(allowed(rights("staff", [["Entity Access", "entity"]]))).toEqual([]);
  });

  it("treats a client's partner or manager as an Editor of its files", () => {
    const manager = rights("staff", [], { managedEntityIds: new Set([ACME]) });
    expect(allowed(manager)).toContain("edit shared");
    expect(allowed(manager)).not.toContain("delete firm");
    expect(allowed(manager, GLOBEX)).toEqual([]);
  });

  it("decides a contact's standing on a request by being its recipient and reaching the client", () => {
    const eve = rights("contact", [["Contact – Entity Access", "entity"]]);
    const carla = rights("contact", [["Contact – Entity Collaborator", "entity"]]);
    expect(contactOnRequest(eve, ACME, true)).toBe("comment");
    expect(contactOnRequest(carla, ACME, true)).toBe("upload");
    expect(contactOnRequest(carla, ACME, false)).toBe("none");
    expect(contactOnRequest(carla, GLOBEX, true)).toBe("none");
    expect(staffRunsRequests(carla, ACME)).toBe(false);
    expect(staffRunsRequests(rights("staff", [["Viewer", "entity"]]), ACME)).toBe(true);
    expect(staffRunsRequests(rights("staff", [["Entity Access", "entity"]]), ACME)).toBe(false);
  });
});
