/**
 * The desktop's side of the merge protocol over HTTP: the same messages the cloud's /sync
 * routes take, sent with the signed-in user's token.
 */
import type { CloudClient } from "../cli/backend/cloud-client.js";
import type { BindRequest } from "./cloud-binding-service.js";
import type { SyncTransport } from "./desktop-merge.js";
import { pullAnswer, pushAnswer, type PullQuery } from "./sync-protocol.js";

export interface CloudSyncState {
  epoch: string;
  schema: string;
  cloudReplica: string;
  head: number;
  boundFileId: string | null;
  waiting: number;
}

const queryString = (query: Record<string, string | number>) =>
  new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();

export function httpTransport(client: CloudClient): SyncTransport & {
  state(after: number, replica: string, fileId?: string): Promise<CloudSyncState>;
  bind(request: BindRequest): Promise<CloudSyncState>;
} {
  return {
    async push(request) {
      return pushAnswer.parse(await client.request("POST", "/sync/push", request));
    },
    async pull(query: PullQuery, options) {
      return pullAnswer.parse(
        await client.request("GET", `/sync/pull?${queryString({ ...query })}`, undefined, options),
      );
    },
    state: (after, replica, fileId) =>
      client.request("GET", `/sync/state?${queryString({ after, replica, ...(fileId ? { fileId } : {}) })}`),
    bind: (request) => client.request("POST", "/sync/bind", request),
  };
}
