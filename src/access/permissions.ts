/**
 * The access model of shared/design/access.md as pure data and rules, shared by the desktop
 * file and the cloud: objects, actions, built-in roles, and the evaluation of a user's rights.
 */

export const ACCESS_OBJECTS = [
  "settings",
  "work_codes",
  "staff",
  "staff_details",
  "staff_rates",
  "staff_groups",
  "contacts",
  "contact_details",
  "contact_groups",
  "entities",
  "entity_details",
  "projects",
  "files",
  "activities",
  "time_entries",
  "expense_entries",
  "reports",
  "merge",
  "accounting_transfer",
  "roles",
  "users",
] as const;
export type AccessObject = (typeof ACCESS_OBJECTS)[number];

/** C create, R read, E edit, D delete, A share any role, S share roles one holds. */
export const ACTIONS = ["C", "R", "E", "D", "A", "S"] as const;
export type Action = (typeof ACTIONS)[number];

export type Permission = `${AccessObject}:${Action}`;
export type Grants = Partial<Record<AccessObject, string>>;

export function isAccessObject(value: string): value is AccessObject {
  return (ACCESS_OBJECTS as readonly string[]).includes(value);
}

/** Everything that lives inside a client entity, reached by entity-scope roles. */
export const ENTITY_CONTENT: readonly AccessObject[] = [
  "entities",
  "entity_details",
  "projects",
  "files",
  "activities",
  "time_entries",
  "expense_entries",
];

const all = (objects: readonly AccessObject[], actions: string): Grants =>
  Object.fromEntries(objects.map((object) => [object, actions]));

export const BUILT_IN_ROLES = {
  Admin: { scopes: ["system"], grants: all(ACCESS_OBJECTS, "CREDAS") },
  "Settings Admin": { scopes: ["system"], grants: all(["settings", "work_codes"], "CRED") },
  "Staff Admin": {
    scopes: ["system"],
    grants: all(["staff", "staff_details", "staff_rates", "staff_groups"], "CRED"),
  },
  "Entities Admin": {
    scopes: ["system"],
    grants: all(["contacts", "contact_details", "contact_groups", ...ENTITY_CONTENT], "CRED"),
  },
  Owner: { scopes: ["system", "entity", "item"], grants: { ...all(ENTITY_CONTENT, "CREDS"), reports: "R" } },
  Editor: { scopes: ["system", "entity", "item"], grants: { ...all(ENTITY_CONTENT, "CRE"), reports: "R" } },
  Viewer: { scopes: ["system", "entity", "item"], grants: { ...all(ENTITY_CONTENT, "R"), reports: "R" } },
  "Entity Access": { scopes: ["system", "entity"], grants: { entities: "R" } },
  "Contact – Entity Access": { scopes: ["entity"], grants: { entities: "R" } },
  "Contact – Entity Collaborator": {
    scopes: ["entity"],
    grants: { entities: "R", files: "CR", activities: "CR" },
  },
} as const satisfies Record<string, { scopes: readonly AssignmentScope[]; grants: Grants }>;

export type BuiltInRoleName = keyof typeof BUILT_IN_ROLES;
export type AssignmentScope = "system" | "entity" | "item";

/** A role assignment as evaluation needs it: already narrowed to the principal's own or groups'. */
export interface EffectiveAssignment {
  grants: Grants;
  scope: AssignmentScope;
  entityId: string | null;
  itemId: string | null;
}

/** The object a request touches. Entity content names its entity; entries name their staff. */
export interface AccessTarget {
  object: AccessObject;
  entityId?: string | null;
  itemId?: string | null;
  ownerStaffId?: string | null;
  /** The target is the actor's own staff record or account. */
  selfStaffId?: string | null;
}

export interface Rights {
  /** Protection off (an unprotected desktop file): the built-in supervisor may do everything. */
  unrestricted: boolean;
  staffId: string | null;
  contactId: string | null;
  assignments: readonly EffectiveAssignment[];
  /** Clients where the user is partner or manager: an implied Editor on them. */
  managedEntityIds: ReadonlySet<string>;
}

const grantsInclude = (grants: Grants, object: AccessObject, action: Action): boolean =>
  (grants[object] ?? "").includes(action);

const ENTRY_OBJECTS: readonly AccessObject[] = ["time_entries", "expense_entries"];
const IMPLIED_MANAGER_GRANTS = BUILT_IN_ROLES.Editor.grants as Grants;

/**
 * Whether rights allow `action` on `target`: the union of every assignment that reaches it
 * (system scope always; entity scope on its entity's content; item scope on that item), plus
 * the rules every staff user has: their own entries, their own staff record, and reading the
 * work codes they record time with.
 */
export function allows(rights: Rights, action: Action, target: AccessTarget): boolean {
  if (rights.unrestricted) return true;
  const { object } = target;
  const isStaff = rights.staffId !== null;
  if (
    isStaff &&
    ENTRY_OBJECTS.includes(object) &&
    target.ownerStaffId === rights.staffId &&
    action !== "A" &&
    action !== "S"
  ) {
    return true;
  }
  if (
    isStaff &&
    action === "R" &&
    (object === "work_codes" || (object === "staff" && target.selfStaffId === rights.staffId))
  ) {
    return true;
  }
  if (
    isStaff &&
    target.entityId &&
    rights.managedEntityIds.has(target.entityId) &&
    grantsInclude(IMPLIED_MANAGER_GRANTS, object, action)
  ) {
    return true;
  }
  return rights.assignments.some((assignment) => {
    if (!grantsInclude(assignment.grants, object, action)) return false;
    if (assignment.scope === "system") return true;
    if (assignment.scope === "entity")
      return (
        Boolean(target.entityId) && assignment.entityId === target.entityId && ENTITY_CONTENT.includes(object)
      );
    return Boolean(target.itemId) && assignment.itemId === target.itemId;
  });
}

/** For list filtering: "all" when a system-scope grant covers the object, else the entities reached. */
export function reachableEntities(rights: Rights, action: Action, object: AccessObject): "all" | Set<string> {
  if (rights.unrestricted) return "all";
  const entities = new Set<string>();
  for (const assignment of rights.assignments) {
    if (!grantsInclude(assignment.grants, object, action)) continue;
    if (assignment.scope === "system") return "all";
    if (assignment.scope === "entity" && assignment.entityId) entities.add(assignment.entityId);
  }
  if (rights.staffId !== null && grantsInclude(IMPLIED_MANAGER_GRANTS, object, action)) {
    for (const id of rights.managedEntityIds) entities.add(id);
  }
  return entities;
}

/** For list filtering: the items (a client's projects) item-scope assignments reach. */
export function reachableItems(rights: Rights, action: Action, object: AccessObject): Set<string> {
  const items = new Set<string>();
  for (const assignment of rights.assignments) {
    if (assignment.scope === "item" && assignment.itemId && grantsInclude(assignment.grants, object, action))
      items.add(assignment.itemId);
  }
  return items;
}

export function parseGrants(value: unknown): Grants {
  const grants: Grants = {};
  if (typeof value !== "object" || value === null) return grants;
  for (const [object, actions] of Object.entries(value)) {
    if (isAccessObject(object) && typeof actions === "string") {
      grants[object] = [...new Set(actions.toUpperCase())]
        .filter((a) => (ACTIONS as readonly string[]).includes(a))
        .join("");
    }
  }
  return grants;
}

/**
 * What a user may do anywhere, per object: the actions allowed firm-wide (`firm`) and those
 * allowed on at least one entity or on their own entries (`some`). The web app uses it to show
 * only the pages and buttons that can work; the server still checks every request.
 */
export type RightsSummary = Partial<Record<AccessObject, { firm: string; some: string }>>;

/**
 * Whether someone reviews others' entries somewhere: the edit right on a client's time or
 * expense entries through a role or a partner / manager post (never through ownership), which
 * approving and returning need (entry-access.ts). The web app shows the approvals page by it.
 */
export function reviewsEntries(rights: Rights): boolean {
  return ENTRY_OBJECTS.some((object) => {
    const reach = reachableEntities(rights, "E", object);
    return reach === "all" || reach.size > 0;
  });
}

export function summarizeRights(rights: Rights): RightsSummary {
  const summary: RightsSummary = {};
  for (const object of ACCESS_OBJECTS) {
    let firm = "";
    let some = "";
    for (const action of ACTIONS) {
      const ownEntries =
        rights.staffId !== null && ENTRY_OBJECTS.includes(object) && action !== "A" && action !== "S";
      const selfRead =
        rights.staffId !== null && action === "R" && (object === "work_codes" || object === "staff");
      if (allows(rights, action, { object })) firm += action;
      const reachable = reachableEntities(rights, action, object);
      if (reachable === "all" || reachable.size > 0 || ownEntries || selfRead) some += action;
    }
    if (some) summary[object] = { firm, some };
  }
  return summary;
}
