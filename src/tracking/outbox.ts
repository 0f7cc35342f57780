import type { Statement } from '@xapi/xapi';
import { KEEPALIVE_BYTES } from './lrs.js';

/** After a failed send the outbox waits these delays before trying again (the last repeats). */
export const OUTBOX_RETRY_MS = [1000, 2000, 5000, 10000, 20000, 30000] as const;
/** Statements sent together in one POST (the LRS stores a batch all or nothing). */
const BATCH = 25;

export interface OutboxTransport {
  /** POSTs the statements; resolves the HTTP status, 0 when no answer came (offline, time-out). */
  send(statements: readonly Statement[]): Promise<number>;
  /** The same with `keepalive`, started synchronously (the page is closing); the answer is not read. */
  sendNow(statements: readonly Statement[]): void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

interface Entry {
  readonly statement: Statement;
  /** When it was first queued (epoch ms), kept across launches. */
  readonly queued: number;
}

/**
 * The durable statement queue both LRS drivers share. Every statement is written to
 * browser storage before it is sent, sent in order, and removed only when the LRS accepted
 * it: 200/204, or 409 for a lone statement (the LRS already holds that id: delivered
 * earlier, the answer lost). Offline, 5xx, 401/403/429 and time-outs are retried with
 * backoff; leftovers from an earlier page are sent on the next launch. A statement the LRS
 * rejects as invalid (400) is moved to {@link rejected} (kept in storage, never dropped).
 *
 * @example
 * const outbox = new Outbox({ key: 'slep:outbox:…', storage: localStorage, transport });
 * outbox.add([statement]); // stored at once, sent soon
 */
export class Outbox {
  private entries: Entry[] = [];
  private rejectedEntries: Entry[] = [];
  private sending: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private readonly listeners = new Set<() => void>();
  /** Whether storage refused a write (the queue then lives in memory only). */
  storageFailed = false;
  lastError = '';

  constructor(
    private readonly options: {
      key: string;
      storage: Storage | null;
      transport: OutboxTransport;
      now?: () => number;
      retryMs?: readonly number[];
    },
  ) {
    this.entries = this.read(this.options.key);
    this.rejectedEntries = this.read(`${this.options.key}:rejected`);
  }

  /** Statements waiting for the LRS. */
  get pending(): number {
    return this.entries.length;
  }

  /** Statements the LRS refused as invalid (400), kept for the preview and for support. */
  get rejected(): readonly Statement[] {
    return this.rejectedEntries.map((e) => e.statement);
  }

  /** The statements still waiting, oldest first. */
  get queued(): readonly Statement[] {
    return this.entries.map((e) => e.statement);
  }

  /** How long the oldest waiting statement has waited, ms (0 when none). */
  oldestWaitMs(): number {
    const first = this.entries[0];
    return first ? Math.max(0, this.now() - first.queued) : 0;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores statements (in this order, after those already waiting) and starts sending. */
  add(statements: readonly Statement[], options: { send?: boolean } = {}): void {
    if (!statements.length) return;
    const known = new Set(this.entries.map((e) => e.statement.id));
    for (const statement of statements) if (!known.has(statement.id)) this.entries.push({ statement, queued: this.now() });
    this.write();
    if (options.send !== false) void this.flush();
  }

  /**
   * Sends everything waiting, in order; resolves when the queue is empty or a send failed
   * (a retry is then scheduled with backoff). One run at a time.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sending ??= this.run().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  /**
   * The page is closing: one keepalive POST with everything waiting that fits the browser's
   * keepalive budget, in order (one request, so `terminated` cannot overtake what came
   * before). Nothing is removed: the answer cannot be read, so what is left is sent again on
   * the next launch (the LRS keeps one statement per id).
   */
  flushNow(): void {
    clearTimeout(this.timer);
    const encoder = new TextEncoder();
    const batch: Statement[] = [];
    let bytes = 2;
    for (const { statement } of this.entries) {
      const size = encoder.encode(JSON.stringify(statement)).length + 1;
      if (bytes + size > KEEPALIVE_BYTES) break;
      batch.push(statement);
      bytes += size;
    }
    if (batch.length) this.options.transport.sendNow(batch);
  }

  private async run(): Promise<void> {
    const { transport } = this.options;
    while (this.entries.length) {
      const batch = this.entries.slice(0, BATCH);
      const status = await transport.send(batch.map((e) => e.statement));
      if (status === 200 || status === 204) {
        this.remove(batch.length);
        continue;
      }
      if (status === 400 || status === 409) {
        // A batch is stored all or nothing: find the statement that was refused, one at a time.
        if (!(await this.sendOneByOne(batch.length))) return this.retryLater(`The LRS did not accept a statement (HTTP ${status}).`);
        continue;
      }
      return this.retryLater(status === 0 ? 'The LRS did not answer (offline or timed out).' : `The LRS answered HTTP ${status}.`);
    }
    this.failures = 0;
    this.lastError = '';
  }

  /** Sends the first `count` entries singly; false when one must be retried later. */
  private async sendOneByOne(count: number): Promise<boolean> {
    for (let i = 0; i < count; i++) {
      const entry = this.entries[0];
      if (!entry) return true;
      const status = await this.options.transport.send([entry.statement]);
      if (status === 200 || status === 204 || status === 409) {
        this.remove(1);
      } else if (status === 400) {
        this.entries.shift();
        this.rejectedEntries.push(entry);
        this.lastError = `The LRS rejected statement ${entry.statement.id ?? ''} as invalid (HTTP 400); it is kept aside.`;
        console.error(`[slep] ${this.lastError}`);
        this.write();
      } else {
        return false;
      }
    }
    return true;
  }

  private retryLater(reason: string): void {
    this.lastError = reason;
    const delays = this.options.retryMs ?? OUTBOX_RETRY_MS;
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 30000;
    this.failures += 1;
    this.notify();
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private remove(count: number): void {
    this.entries.splice(0, count);
    this.failures = 0;
    this.write();
  }

  private read(key: string): Entry[] {
    try {
      const raw = this.options.storage?.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((e): e is Entry => !!e && typeof e === 'object' && 'statement' in e) : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (!this.options.storage) throw new Error('no storage');
      this.options.storage.setItem(this.options.key, JSON.stringify(this.entries));
      this.options.storage.setItem(`${this.options.key}:rejected`, JSON.stringify(this.rejectedEntries));
      this.storageFailed = false;
    } catch {
      this.storageFailed = true;
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
