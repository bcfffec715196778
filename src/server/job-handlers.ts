/**
 * Every capability's job handlers, by job kind: what `firmtime serve`'s job runner knows how to
 * run (src/jobs). One line per capability, as route-modules.ts lists routes, so capabilities
 * provide handlers without importing the server. A kind queued with no handler here fails,
 * saying so (job-runner.ts).
 */
import type { ServerDeps } from "../http/context.js";
import type { JobHandlers } from "../jobs/job-runner.js";
import { portalJobHandlers } from "../portal/portal-jobs.js";

export function jobHandlersOf(deps: ServerDeps): JobHandlers {
  return {
    // The links' settings are read per job: the public URL may be settled after start-up.
    ...portalJobHandlers(() => deps.config),
  };
}
