/**
 * QuickBooks Online's limits per company (realm), kept by every QboTarget of the process
 * together: at most 10 requests at once and 500 in any rolling minute (Intuit's published
 * throttles). A request waits for a slot instead of drawing a 429; the server's own 429s are
 * still retried with backoff (qbo-client.ts), for limits shared with other apps.
 */
export interface QboLimits {
  maxConcurrent: number;
  /** Requests in any rolling window of `windowMs`. */
  perMinute: number;
  /** The rolling window (QBO: a minute); tests shorten it rather than wait a minute. */
  windowMs?: number;
}

export const QBO_LIMITS: QboLimits = { maxConcurrent: 10, perMinute: 500, windowMs: 60_000 };

/**
 * A request holds its place in the window from the moment it starts until `windowMs` after its
 * answer arrived. Counting from the start alone would let the next request in while QuickBooks
 * still counts the first (it saw it arrive later than we sent it), and draw a 429.
 */
interface WindowSlot {
  endedAt: number;
}

export class RealmGate {
  private inFlight = 0;
  private readonly window: WindowSlot[] = [];
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly windowMs: number;

  constructor(private readonly limits: QboLimits) {
    this.windowMs = limits.windowMs ?? 60_000;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const slot = await this.enter();
    try {
      return await work();
    } finally {
      slot.endedAt = Date.now();
      this.inFlight -= 1;
      this.pump();
    }
  }

  private enter(): Promise<WindowSlot> {
    return new Promise((resolve) => {
      this.waiting.push(() => {
        const slot = { endedAt: Infinity };
        this.window.push(slot);
        resolve(slot);
      });
      this.pump();
    });
  }

  /** Lets waiting requests in while both limits allow; otherwise wakes when a slot ages out. */
  private pump(): void {
    const now = Date.now();
    // Slots end out of order (answers come back out of order), so filter rather than shift.
    const current = this.window.filter((slot) => slot.endedAt > now - this.windowMs);
    this.window.splice(0, this.window.length, ...current);
    while (
      this.waiting.length > 0 &&
      this.inFlight < this.limits.maxConcurrent &&
      this.window.length < this.limits.perMinute
    ) {
      this.inFlight += 1;
      this.waiting.shift()!();
    }
    if (this.waiting.length === 0 || this.window.length < this.limits.perMinute || this.timer) return;
    const oldestEnd = Math.min(...this.window.map((slot) => slot.endedAt));
    // Every slot still in flight: the next answer calls pump() itself.
    if (oldestEnd === Infinity) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, oldestEnd + this.windowMs - now + 1),
    );
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
