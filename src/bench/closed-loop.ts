/**
 * A closed-loop HTTP load over connections opened and warmed before the clock starts.
 *
 * autocannon opens its connections when its run starts (its `warmup` runs on connections of its
 * own, then opens new ones), and Node 20's server accepts one new connection per event-loop
 * pass: the measured run's first requests wait for the ramp and become its p99. Here every
 * connection is opened and has answered `warmRequests` requests before measuring; then each
 * connection sends its next request as soon as the last one is answered, for `durationMs`, and
 * every request's latency is recorded (not sampled).
 */
import { Pool } from "undici";

export interface LoadRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 2xx, and requests that failed outright. */
  errors: number;
  firstError?: string;
}

/** The value at quantile q (0..1) of sorted values: nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function figuresOf(
  latencies: number[],
  errors: number,
  elapsedMs: number,
  firstError?: string,
): LoadFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length + errors,
    requestsPerSecond: ((sorted.length + errors) * 1000) / elapsedMs,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    errors,
    ...(firstError ? { firstError } : {}),
  };
}

interface Outcome {
  ms: number;
  error?: string;
}

async function send(pool: Pool, request: LoadRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const answer = await pool.request({
      method: request.method,
      path: request.path,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await answer.body.text();
    const ms = performance.now() - started;
    if (answer.statusCode < 200 || answer.statusCode > 299)
      return { ms, error: `HTTP ${answer.statusCode}: ${text.slice(0, 300)}` };
    return { ms };
  } catch (error) {
    return { ms: performance.now() - started, error: String(error) };
  }
}

export interface ClosedLoopOptions {
  connections: number;
  durationMs: number;
  warmRequests: number;
}

/**
 * `next(i)` makes connection i's next request. All connections are opened and warmed first
 * (their warm-up answers are not measured), then measured together for `durationMs`.
 */
export function closedLoop(
  origin: string,
  next: (connection: number) => LoadRequest,
  options: ClosedLoopOptions,
): Promise<LoadFigures> {
  return measureLanes(origin, options.connections, options.warmRequests, next, {
    durationMs: options.durationMs,
  });
}

/** One request at a time over one warmed connection: the server's time per request. */
export function sequential(
  origin: string,
  next: () => LoadRequest,
  requests: number,
  warmRequests = 20,
): Promise<LoadFigures> {
  return measureLanes(origin, 1, warmRequests, () => next(), { requests });
}

/** The one loop both loads run: warm every lane, then measure until the time or the count is up. */
async function measureLanes(
  origin: string,
  connections: number,
  warmRequests: number,
  next: (lane: number) => LoadRequest,
  until: { durationMs: number } | { requests: number },
): Promise<LoadFigures> {
  const pool = new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 120_000,
    keepAliveMaxTimeout: 120_000,
  });
  try {
    const lanes = Array.from({ length: connections }, (_, lane) => lane);
    // Opening: every lane at once, so the pool opens one connection per lane, and each is used.
    await Promise.all(
      lanes.map(async (lane) => {
        for (let i = 0; i < warmRequests; i++) {
          const outcome = await send(pool, next(lane));
          if (outcome.error) throw new Error(`warming connection ${lane}: ${outcome.error}`);
        }
      }),
    );
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const started = performance.now();
    let left = "requests" in until ? until.requests : Number.POSITIVE_INFINITY;
    const deadline = "durationMs" in until ? started + until.durationMs : Number.POSITIVE_INFINITY;
    await Promise.all(
      lanes.map(async (lane) => {
        while (left > 0 && performance.now() < deadline) {
          left -= 1;
          const outcome = await send(pool, next(lane));
          if (outcome.error) {
            errors += 1;
            firstError ??= outcome.error;
          } else latencies.push(outcome.ms);
        }
      }),
    );
    return figuresOf(latencies, errors, performance.now() - started, firstError);
  } finally {
    await pool.close();
  }
}

/**
 * Waits until the server has worked off what earlier loads left queued: `settled` answers in a
 * row to a cheap request, each within `quickMs`. Throws after `timeoutMs`.
 */
export async function waitUntilIdle(
  origin: string,
  path = "/healthz",
  { settled = 5, quickMs = 20, timeoutMs = 60_000 } = {},
): Promise<void> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    const until = performance.now() + timeoutMs;
    let inARow = 0;
    while (inARow < settled) {
      if (performance.now() > until)
        throw new Error(`the server at ${origin} did not settle within ${timeoutMs} ms`);
      const outcome = await send(pool, { method: "GET", path, headers: {} });
      inARow = !outcome.error && outcome.ms <= quickMs ? inARow + 1 : 0;
      if (inARow === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await pool.close();
  }
}
