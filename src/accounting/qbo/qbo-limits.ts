/**
 * QuickBooks Online's limits per company (realm), kept by every QboTarget of the process
 * together: at most 10 requests at once and 500 in any rolling minute (Intuit's published
 * throttles). A request waits for a slot instead of drawing a 429; the server's own 429s are
 * still retried with backoff (qbo-target.ts), for limits shared with other apps.
 */
export interface QboLimits {
  maxConcurrent: number;
  perMinute: number;
}

export const QBO_LIMITS: QboLimits = { maxConcurrent: 10, perMinute: 500 };

class RealmGate {
  private inFlight = 0;
  private readonly started: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly limits: QboLimits) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  private enter(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  /** Lets waiting requests in while both limits allow; otherwise wakes when the oldest start ages out. */
  private pump(): void {
    const now = Date.now();
    while (this.started.length > 0 && this.started[0]! <= now - 60_000) this.started.shift();
    while (
      this.waiting.length > 0 &&
      this.inFlight < this.limits.maxConcurrent &&
      this.started.length < this.limits.perMinute
    ) {
      this.inFlight += 1;
      this.started.push(now);
      this.waiting.shift()!();
    }
    if (this.waiting.length > 0 && this.started.length >= this.limits.perMinute && !this.timer) {
      const wait = Math.max(1, this.started[0]! + 60_000 - now + 1);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
    }
  }
}

const gates = new Map<string, RealmGate>();

/** The process's gate for a company; limits are fixed by the first caller for that company. */
export function realmGate(realmId: string, limits: QboLimits = QBO_LIMITS): RealmGate {
  let gate = gates.get(realmId);
  if (!gate) {
    gate = new RealmGate(limits);
    gates.set(realmId, gate);
  }
  return gate;
}
