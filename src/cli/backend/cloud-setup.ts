/**
 * Staff, work codes and rates on a cloud firm. Inputs are checked with the services' own pure
 * validators before anything is sent, so bad input fails with the file's line, not the API
 * schema's.
 */
import { isAppError, notFound } from "../../domain/errors.js";
import { rateTargetScope, type ListedRate, type RateTargetRefs } from "../../firm-setup/rate-service.js";
import type { Rate } from "../../firm-setup/rate-store.js";
import { normaliseGroups, validateStaff } from "../../firm-setup/staff-service.js";
import type { Staff } from "../../firm-setup/staff-store.js";
import { validateWorkCode } from "../../firm-setup/work-code-service.js";
import type { WorkCode } from "../../firm-setup/work-code-store.js";
import { looksLikeId } from "../../store/unique.js";
import type { RatesBackend, StaffBackend, WorkCodesBackend } from "./backend.js";
import type { CloudClient } from "./cloud-client.js";
import { pages, type CloudRefs } from "./cloud-refs.js";

/**
 * A firm file creates the groups a staff record names; the API takes existing groups only
 * (creating one is a right of its own). So the missing ones are created first, with the
 * signed-in user's rights. A caller who may not list groups sends the names as they are.
 */
async function ensureGroups(cloud: CloudClient, refs: CloudRefs, names: string[]): Promise<void> {
  let existing: string[];
  try {
    existing = (await refs.groupList()).map((group) => group.name);
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return;
    throw error;
  }
  for (const name of names.filter((name) => !existing.includes(name)))
    await cloud.request("POST", "/staff-groups", { name });
}

export function cloudStaff(cloud: CloudClient, refs: CloudRefs): StaffBackend {
  const groupsOf = async (names: string[] | undefined) => {
    if (names === undefined) return undefined;
    const groups = normaliseGroups(names);
    await ensureGroups(cloud, refs, groups);
    return groups;
  };
  return {
    async add(input) {
      const { groups: _groups, ...fields } = validateStaff(input);
      return cloud.request<Staff>("POST", "/staff", { ...fields, groups: await groupsOf(input.groups) });
    },
    async list(filter) {
      let groupId: string | undefined;
      if (filter.group !== undefined) {
        // As in the file: a group that does not exist has no members.
        const group = (await refs.groupList()).find((g) => g.name === filter.group);
        if (!group) return [];
        groupId = group.id;
      }
      return pages<Staff>(cloud, "/staff", { status: filter.status, groupId });
    },
    get: (ref) => refs.staff(ref),
    async edit(ref, patch) {
      const current = await refs.staff(ref);
      const body = { ...patch, groups: await groupsOf(patch.groups) };
      return cloud.request<Staff>("PATCH", `/staff/${current.id}`, body);
    },
    async delete(ref) {
      const current = await refs.staff(ref);
      await cloud.request("DELETE", `/staff/${current.id}`);
      return current;
    },
    async groups() {
      const groups = await refs.groupList();
      return groups.map((group) => ({ id: group.id, name: group.name, members: group.memberIds.length }));
    },
  };
}

export function cloudWorkCodes(cloud: CloudClient, refs: CloudRefs): WorkCodesBackend {
  return {
    add: (input) =>
      cloud.request<WorkCode>("POST", "/work-codes", { ...validateWorkCode(input), rate: input.rate }),
    list: (filter) =>
      pages<WorkCode>(cloud, "/work-codes", {
        kind: filter.kind,
        active: filter.active === undefined ? undefined : String(filter.active),
      }),
    get: (ref) => refs.workCode(ref),
    // Two requests, not one transaction: a refused rate leaves the edit made (the error says why).
    async edit(ref, patch, rate) {
      const current = await refs.workCode(ref);
      const edited = await cloud.request<WorkCode>("PATCH", `/work-codes/${current.id}`, patch);
      if (rate) await cloud.request("POST", "/rates", { workCodeId: edited.id, ...rate });
      return edited;
    },
    async delete(ref) {
      const current = await refs.workCode(ref);
      await cloud.request("DELETE", `/work-codes/${current.id}`);
      return current;
    },
  };
}

/** A rate as the file's services return it: the API adds its timing, which a stored rate has not. */
const toRate = (r: Rate): Rate => ({
  id: r.id,
  scope: r.scope,
  staffId: r.staffId,
  clientId: r.clientId,
  projectId: r.projectId,
  workCodeId: r.workCodeId,
  effectiveDate: r.effectiveDate,
  rate: r.rate,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toListedRate = (r: ListedRate): ListedRate => ({
  ...toRate(r),
  staffNumber: r.staffNumber,
  clientCode: r.clientCode,
  projectCode: r.projectCode,
  workCode: r.workCode,
  timing: r.timing,
});

interface RateOwnerIds {
  scope?: string;
  staffId?: string;
  clientId?: string;
  projectId?: string;
  workCodeId?: string;
}

/** The ids a target names, found in the order the file's resolveRateTarget looks them up. */
async function rateOwnerIds(refs: CloudRefs, target: RateTargetRefs): Promise<RateOwnerIds> {
  const workCodeId = target.workCode ? (await refs.workCode(target.workCode)).id : undefined;
  const level = rateTargetScope(target);
  if (level === "project" && target.client && target.project) {
    const client = await refs.client(target.client);
    const label = `${client.code}/${target.project}`;
    return { scope: level, projectId: (await refs.project(client, target.project, label)).id, workCodeId };
  }
  if (level === "client" && target.client)
    return { scope: level, clientId: (await refs.client(target.client)).id, workCodeId };
  if (level === "staff" && target.staff)
    return { scope: level, staffId: (await refs.staff(target.staff)).id, workCodeId };
  return { scope: level, workCodeId };
}

export function cloudRates(cloud: CloudClient, refs: CloudRefs): RatesBackend {
  const get = async (id: string) => {
    if (!looksLikeId(id)) throw notFound("rate", id);
    return toListedRate(await cloud.request<ListedRate>("GET", `/rates/${id.trim()}`));
  };
  return {
    async set(input) {
      const { scope: _level, ...ids } = await rateOwnerIds(refs, input);
      const body = { ...ids, effectiveDate: input.effectiveDate, rate: input.rate };
      return toRate(await cloud.request<Rate>("POST", "/rates", body));
    },
    async list(target) {
      // As listRates: a work code narrows to its rates at every level; an owner to its level.
      const workCodeId = target.workCode ? (await refs.workCode(target.workCode)).id : undefined;
      const owner = target.staff || target.client || target.project;
      const ids = owner ? await rateOwnerIds(refs, { ...target, workCode: undefined }) : {};
      return (await pages<ListedRate>(cloud, "/rates", { ...ids, workCodeId })).map(toListedRate);
    },
    get,
    async delete(id) {
      const found = await get(id);
      await cloud.request("DELETE", `/rates/${found.id}`);
      return toRate(found);
    },
  };
}
