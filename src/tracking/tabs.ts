/**
 * One writer per attempt in this browser: a second tab (or window, or frame) of the same
 * attempt — same course, package kind and learner — is found over a `BroadcastChannel`
 * (or, where there is none, `storage` events on a localStorage key) and the NEWER one
 * becomes read-only.
 *
 * Why the newer one: the older tab holds everything the learner did in it, including
 * answers still inside the save batching window; the newer tab started from the LMS's
 * copy, which may lack them. If the newer tab wrote, it would put older data over newer
 * (a stale tab turning a pass into a fail). The newer tab is also the one the learner has
 * just opened, so the message is in front of them.
 *
 * Protocol: a tab announces `hello` when it starts and waits a short while before its
 * first write; every live tab of the attempt answers a newer tab's `hello` with `here`.
 * A tab that hears from an older live tab (either message) is the second tab, whether it
 * is still starting or already writing (a message was missed). Second tabs and tabs whose
 * session ended leave the channel, so a tab opened after the first one closed may write.
 */

export type TabRole = 'writer' | 'second';

interface TabMessage {
  readonly type: 'hello' | 'here';
  readonly id: string;
  /** When the tab started (ms since the epoch), with `id` as the tie-breaker. */
  readonly born: number;
}

/** A message channel shared by the tabs of one browser profile and origin. */
export interface TabChannel {
  post(message: TabMessage): void;
  listen(handler: (message: TabMessage) => void): void;
  close(): void;
}

/** How long a starting tab waits for an older tab to answer before it writes. */
export const CLAIM_WAIT_MS = 250;

/** BroadcastChannel where there is one, else `storage` events; null when neither works. */
export function openTabChannel(name: string): TabChannel | null {
  try {
    if (typeof BroadcastChannel === 'function') {
      const channel = new BroadcastChannel(name);
      return {
        post: (m) => channel.postMessage(m),
        listen: (h) => channel.addEventListener('message', (e: MessageEvent<TabMessage>) => h(e.data)),
        close: () => channel.close(),
      };
    }
  } catch {
    /* fall through to storage events */
  }
  return storageChannel(name);
}

/** The fallback: each message is written to one localStorage key; other tabs get a `storage` event. */
export function storageChannel(name: string, win: Window = window): TabChannel | null {
  let storage: Storage;
  try {
    storage = win.localStorage;
  } catch {
    return null;
  }
  const key = `${name}:tab`;
  let listener: ((e: StorageEvent) => void) | null = null;
  let n = 0;
  return {
    post: (m) => {
      try {
        // A counter makes every write a change, so every write is an event.
        storage.setItem(key, JSON.stringify({ ...m, n: ++n }));
      } catch {
        /* storage blocked: no detection */
      }
    },
    listen: (h) => {
      listener = (e: StorageEvent) => {
        if (e.key !== key || !e.newValue) return;
        try {
          h(JSON.parse(e.newValue) as TabMessage);
        } catch {
          /* not ours */
        }
      };
      win.addEventListener('storage', listener);
    },
    close: () => {
      if (listener) win.removeEventListener('storage', listener);
    },
  };
}

export class TabGuard {
  readonly id: string;
  readonly born: number;
  private role: TabRole | 'claiming' = 'claiming';
  private readonly secondListeners = new Set<() => void>();
  private settle: ((role: TabRole) => void) | null = null;
  private closed = false;

  constructor(
    private readonly channel: TabChannel,
    options: { now?: number; id?: string } = {},
  ) {
    this.born = options.now ?? Date.now();
    this.id = options.id ?? Math.random().toString(36).slice(2);
    channel.listen((m) => this.receive(m));
  }

  /** Announces this tab and resolves with its role once older tabs had time to answer. */
  claim(waitMs = CLAIM_WAIT_MS): Promise<TabRole> {
    return new Promise((resolve) => {
      this.settle = resolve;
      this.channel.post({ type: 'hello', id: this.id, born: this.born });
      setTimeout(() => this.decide('writer'), waitMs);
    });
  }

  /** Called when this tab is (or becomes) the second tab. */
  onSecond(listener: () => void): void {
    this.secondListeners.add(listener);
  }

  get current(): TabRole | 'claiming' {
    return this.role;
  }

  /** This tab stops answering (its session ended): a later tab may write. */
  release(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.close();
  }

  private receive(m: TabMessage): void {
    if (this.closed || !m || m.id === this.id || this.role === 'second') return;
    const older = m.born < this.born || (m.born === this.born && m.id < this.id);
    // Any live tab older than this one is the writer (or will be): this one is the second tab.
    if (older) return this.decide('second');
    // A newer tab is starting: tell it this one is here.
    if (m.type === 'hello') this.channel.post({ type: 'here', id: this.id, born: this.born });
  }

  private decide(role: TabRole): void {
    if (this.role === 'second' || (this.role === 'writer' && role === 'writer')) return;
    this.role = role;
    // Newer tabs that started while this one waited learn of it now.
    if (role === 'writer') this.channel.post({ type: 'here', id: this.id, born: this.born });
    const settle = this.settle;
    this.settle = null;
    settle?.(role);
    if (role === 'second') {
      for (const l of this.secondListeners) l();
      // A second tab answers nobody; a later tab may become the writer once the first one is gone.
      this.release();
    }
  }
}
