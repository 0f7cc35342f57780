import type { Agent, Statement } from '@xapi/xapi';
import type { CourseModel } from '../model/course.js';
import type { LaunchMode } from '../model/launch.js';
import type { Launch, RecordedStatus, Save, TrackingDriver, TrackingEvent } from './driver.js';
import { accepted, agentKey, agentOf, endpointOf, IRI, Lrs, readUntilAnswered, safeStorage, UUID } from './lrs.js';
import { Outbox } from './outbox.js';
import { StatementFactory } from './statements.js';
import type { StatementOptions } from './statements.js';

/** The State API document that holds the resume data (one per actor, activity and registration). */
export const RESUME_STATE_ID = 'https://w3id.org/slep/state/resume';
/** Statements waiting longer than this make report() resolve false, so the learner sees "not saved yet". */
export const PENDING_NOTICE_MS = 15000;

/** The resume document as stored in the State API. */
export interface ResumeDocument {
  readonly revision: number;
  readonly resumeData: string;
  readonly location: string;
  /** Time spent in all sessions so far, seconds. */
  readonly seconds: number;
  readonly recorded: RecordedStatus;
  /** cmi5: the cmi5-defined statements already sent in this registration (never twice). */
  readonly sent?: { readonly completed?: boolean; readonly passed?: boolean; readonly failed?: boolean };
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LrsDriverOptions {
  readonly kind: 'xapi' | 'cmi5';
  readonly course: CourseModel;
  readonly lrs: Lrs;
  readonly endpoint: string;
  readonly actor: Agent;
  readonly registration: string;
  readonly activityId: string;
  readonly storage: Storage | null;
  readonly mode?: LaunchMode;
  readonly masteryScore?: number | null;
  readonly returnUrl?: string | null;
  readonly template?: StatementOptions['template'];
  readonly now?: () => number;
}

/**
 * The statement-based driver: statements through the durable {@link Outbox}, resume data
 * through the State API. The xAPI (TinCan launch) package uses it as is; the cmi5 driver
 * extends it with the cmi5 launch and statement rules.
 *
 * - `report()` turns each new event into statements once (their ids are made once; a retry
 *   of the same events adds nothing), stores them in the outbox, writes the resume document,
 *   and resolves true when the LRS stored the document and no statement has waited longer
 *   than {@link PENDING_NOTICE_MS}.
 * - `terminateNow()` stores the last statements and document in browser storage, then sends
 *   both with `keepalive`; what the LRS does not confirm is sent on the next launch.
 */
export class LrsDriver implements TrackingDriver {
  readonly kind: 'xapi' | 'cmi5';
  readonly limits = { resumeData: 64000, location: 1000 };
  readonly outbox: Outbox;
  protected readonly factory: StatementFactory;
  protected doc: ResumeDocument = { revision: 0, resumeData: '', location: '', seconds: 0, recorded: { completion: 'unknown', success: 'unknown', score: null } };
  protected readonly sessionStart: number;
  private readonly converted = new Set<string>();
  private terminated = false;
  private error = '';
  private readonly stateKey: string;

  constructor(protected readonly options: LrsDriverOptions) {
    this.kind = options.kind;
    this.sessionStart = this.now();
    const base = `slep:${options.kind}:${options.endpoint}|${options.activityId}|${agentKey(options.actor)}`;
    this.stateKey = `${base}|${options.registration}:state`;
    this.outbox = new Outbox({
      key: `${base}:outbox`,
      storage: options.storage,
      transport: { send: (s) => options.lrs.sendStatements(s), sendNow: (s) => options.lrs.sendStatementsNow(s) },
      now: options.now,
    });
    this.factory = new StatementFactory({
      actor: options.actor,
      registration: options.registration,
      activityId: options.activityId,
      courseId: options.course.id,
      courseTitle: options.course.title,
      language: options.course.language,
      platform: `School & Law Enforcement Partnerships player ${options.course.version}`,
      sessionStart: this.sessionStart,
      template: options.template,
    });
  }

  get pending(): number {
    return this.outbox.pending + (this.readLocalState() ? 1 : 0);
  }

  get lastError(): string {
    return this.error || this.outbox.lastError;
  }

  async initialize(): Promise<Launch | null> {
    const lrsDoc = await this.readState();
    // A document stored while the page closed, newer than the LRS's copy, is sent now.
    const local = this.readLocalState();
    let doc = lrsDoc;
    if (local && local.revision > (lrsDoc?.revision ?? 0)) {
      doc = local;
      if (await this.writeState(local)) this.clearLocalState();
    } else if (local) {
      this.clearLocalState();
    }
    if (doc) this.doc = doc;
    void this.outbox.flush();
    return {
      learner: { id: agentKey(this.options.actor), name: (this.options.actor as { name?: string }).name ?? '' },
      entry: this.doc.resumeData ? 'resume' : 'ab-initio',
      mode: this.options.mode ?? 'normal',
      credit: true,
      masteryScore: this.options.masteryScore ?? null,
      resumeData: this.doc.resumeData,
      location: this.doc.location,
      priorSeconds: this.doc.seconds,
      returnUrl: this.options.returnUrl ?? null,
      recorded: this.doc.recorded,
      registration: this.options.registration,
    };
  }

  async report(options: { events: readonly TrackingEvent[]; save: Save; commit: boolean }): Promise<boolean> {
    if (this.terminated) return false;
    this.outbox.add(this.convert(options.events));
    const doc = this.docFor(options.save, (this.now() - this.sessionStart) / 1000);
    const stored = await this.writeState(doc);
    if (stored) this.doc = doc;
    return stored && this.outbox.oldestWaitMs() < PENDING_NOTICE_MS;
  }

  terminateNow(options: { events: readonly TrackingEvent[]; save: Save | null; sessionSeconds: number }): boolean {
    if (this.terminated) return false;
    this.terminated = true;
    const statements = this.convert(options.events);
    statements.push(...this.closingStatements(options.sessionSeconds));
    this.outbox.add(statements, { send: false });
    let durable = !this.outbox.storageFailed;
    if (options.save) {
      const doc = this.docFor(options.save, options.sessionSeconds);
      try {
        this.options.storage?.setItem(this.stateKey, JSON.stringify(doc));
      } catch {
        durable = false;
      }
      this.options.lrs.setStateNow(this.stateParams(doc));
    }
    this.outbox.flushNow();
    return durable && Boolean(this.options.storage);
  }

  /** Statements a driver adds itself when the session ends (cmi5: terminated in every mode). */
  protected closingStatements(_sessionSeconds: number): Statement[] {
    return [];
  }

  /** The statements of one event (cmi5 overrides this with its rules). */
  protected statementsFor(event: TrackingEvent): Statement[] {
    return this.factory.fromEvent(event);
  }

  protected now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private convert(events: readonly TrackingEvent[]): Statement[] {
    const out: Statement[] = [];
    for (const event of events) {
      if (this.converted.has(event.id)) continue;
      this.converted.add(event.id);
      out.push(...this.statementsFor(event));
    }
    return out;
  }

  protected docFor(save: Save, sessionSeconds: number): ResumeDocument {
    const r = save.report;
    return {
      ...this.doc,
      revision: save.revision,
      resumeData: save.resumeData ?? this.doc.resumeData,
      location: save.location,
      seconds: Math.round((this.priorSeconds + sessionSeconds) * 100) / 100,
      recorded: { completion: r.completion, success: r.success, score: r.score },
    };
  }

  private priorSecondsValue: number | null = null;
  private get priorSeconds(): number {
    this.priorSecondsValue ??= this.doc.seconds;
    return this.priorSecondsValue;
  }

  private stateParams(doc: ResumeDocument) {
    return { agent: this.options.actor, activityId: this.options.activityId, stateId: RESUME_STATE_ID, registration: this.options.registration, state: doc };
  }

  /**
   * The LRS's resume document; null when there is none. A failed read is read again until the
   * LRS answers it (readUntilAnswered): the course never starts recording over a resume
   * document it could not read, and never falls back to local mode for it.
   */
  private async readState(): Promise<ResumeDocument | null> {
    const params = { agent: this.options.actor, activityId: this.options.activityId, stateId: RESUME_STATE_ID, registration: this.options.registration };
    const response = await readUntilAnswered(() => this.options.lrs.getState<ResumeDocument>(params), 'the resume state', (_status, _tries, message) => (this.error = message));
    this.error = '';
    if (response.status === 404) return null;
    const doc: unknown = response.data;
    if (doc && typeof doc === 'object' && typeof (doc as ResumeDocument).resumeData === 'string') return { ...this.doc, ...(doc as ResumeDocument) };
    // A document the course cannot read goes on as unreadable resume data: the tracker keeps a copy
    // in this browser and tells the learner, as for damaged SCORM suspend data (never silently).
    const raw = typeof doc === 'string' ? doc : doc === null || doc === undefined ? '' : JSON.stringify(doc);
    return raw.trim() ? { ...this.doc, resumeData: raw } : null;
  }

  protected async writeState(doc: ResumeDocument): Promise<boolean> {
    const status = await this.options.lrs.setState(this.stateParams(doc));
    if (accepted(status)) return true;
    this.error = status ? `The LRS answered HTTP ${status} to the resume state.` : 'The LRS did not answer (offline or timed out).';
    return false;
  }

  private readLocalState(): ResumeDocument | null {
    try {
      const raw = this.options.storage?.getItem(this.stateKey);
      const doc = raw ? (JSON.parse(raw) as ResumeDocument) : null;
      return doc && typeof doc.resumeData === 'string' && typeof doc.revision === 'number' ? doc : null;
    } catch {
      return null;
    }
  }

  private clearLocalState(): void {
    try {
      this.options.storage?.removeItem(this.stateKey);
    } catch {
      /* nothing to clear */
    }
  }
}

/** The TinCan launch parameters, checked; null when one is missing or malformed. */
export function xapiLaunchParams(search: string): { endpoint: string; auth: string; actor: Agent; registration: string; activityId: string } | null {
  const q = new URLSearchParams(search);
  const endpoint = endpointOf(q.get('endpoint'));
  const auth = q.get('auth')?.trim() ?? '';
  const actor = agentOf(q.get('actor'));
  const registration = q.get('registration') ?? '';
  const activityId = q.get('activity_id') ?? '';
  if (!endpoint || !/^(Basic|Bearer) \S+$/.test(auth) || !actor || !UUID.test(registration) || !IRI.test(activityId)) return null;
  return { endpoint, auth, actor, registration: registration.toLowerCase(), activityId };
}

/** Reads the TinCan launch and makes the driver; null without a valid launch (the course runs locally). */
export async function createDriver(course: CourseModel): Promise<TrackingDriver | null> {
  const launch = xapiLaunchParams(window.location.search);
  if (!launch) {
    console.warn('[slep] The xAPI launch parameters (endpoint, auth, actor, registration, activity_id) are missing or malformed.');
    return null;
  }
  const lrs = new Lrs({ endpoint: launch.endpoint, auth: launch.auth });
  return new LrsDriver({ kind: 'xapi', course, lrs, ...launch, storage: safeStorage('localStorage') });
}
