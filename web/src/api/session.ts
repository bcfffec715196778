/**
 * What the browser holds about its session: the CSRF token the server gave at sign-in (sent back
 * on every change), and whether the session has ended under a page that may hold unsaved input.
 * One instance per firm app, created in main.tsx and passed down, never a module global.
 */
export type SessionListener = () => void;

export class BrowserSession {
  private csrf: string | null = null;
  private expired = false;
  private readonly listeners = new Set<SessionListener>();

  constructor(readonly firmSlug: string) {}

  get csrfToken(): string | null {
    return this.csrf;
  }

  get hasExpired(): boolean {
    return this.expired;
  }

  signedIn(csrfToken: string | null): void {
    this.csrf = csrfToken;
    this.expired = false;
    this.emit();
  }

  /** The server said the session is over while the person was working: ask them to sign in again. */
  ended(): void {
    if (this.expired) return;
    this.expired = true;
    this.emit();
  }

  signedOut(): void {
    this.csrf = null;
    this.expired = false;
    this.emit();
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
