/**
 * The desktop's side of the merge protocol over HTTP: the same messages the cloud's /sync
 * routes take, sent with the signed-in user's token.
 */
import type { CloudClient } from "../cli/backend/cloud-client.js";
import type { BindRequest } from "./cloud-binding-service.js";
import type { SyncTransport } from "./desktop-merge.js";
import {
  permissionsAnswer,
  pullAnswer,
  pushAnswer,
  type PermissionsAnswer,
  type PermissionsUpload,
  type PullQuery,
} from "./sync-protocol.js";

export interface CloudSyncState {
  epoch: string;
  schema: string;
  cloudReplica: string;
  head: number;
  boundFileId: string | null;
  waiting: number | null;
  /** The asking file is a copy of another desktop file of the firm (asked with `claim`). */
  copy?: boolean;
  /** The caller, as the cloud knows them. */
  you: { email: string | null; mayMergeForOthers: boolean };
}

const queryString = (query: Record<string, string | number>) =>
  new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();

export function httpTransport(
  client: CloudClient,
  file?: { fileId: string; replica: string },
): SyncTransport & {
  state(
    after: number,
    replica: string,
    fileId?: string,
    claim?: { acked: string | null; next: string | null },
  ): Promise<CloudSyncState>;
  bind(request: BindRequest): Promise<CloudSyncState>;
  uploadPermissions(fileId: string, upload: PermissionsUpload): Promise<PermissionsAnswer>;
} {
  const state = (
    after: number | undefined,
    replica: string,
    fileId?: string,
    claim?: { acked: string | null; next: string | null },
  ): Promise<CloudSyncState> =>
    client.request(
      "GET",
      `/sync/state?${queryString({
        replica,
        ...(after !== undefined ? { after } : {}),
        ...(fileId ? { fileId } : {}),
        ...(claim ? { acked: claim.acked ?? "", ...(claim.next ? { next: claim.next } : {}) } : {}),
      })}`,
    );
  return {
    async whoAmI() {
      return (await state(undefined, file?.replica ?? "none", file?.fileId)).you;
    },
    async push(request) {
      return pushAnswer.parse(await client.request("POST", "/sync/push", request));
    },
    async pull(query: PullQuery, options) {
      return pullAnswer.parse(
        await client.request("GET", `/sync/pull?${queryString({ ...query })}`, undefined, options),
      );
    },
    state,
    bind: (request) => client.request("POST", "/sync/bind", request),
    async uploadPermissions(fileId, upload) {
      return permissionsAnswer.parse(
        await client.request("POST", "/sync/permissions", { fileId, ...upload }),
      );
    },
  };
}
