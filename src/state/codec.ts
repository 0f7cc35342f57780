import type { CourseModel } from '../model/course.js';
import type { AssessmentAnswer, AttemptState } from './attempt.js';
import { initialState, pageOrder } from './attempt.js';

/**
 * The resume string stored in `cmi.suspend_data` (and the other drivers' state).
 * Compact and versioned, not raw JSON: SCORM 1.2 allows only 4096 characters.
 * Ids are kept (not indices) so a course edit that reorders items does not
 * scramble a learner's answers; unknown ids are dropped on decode.
 *
 *   2|l=<page>|v=<id>,<id>|c=<id>:<resp>,…|a=<attempt>.<seed36>.<submitted>.<best‱>.<last‱>.<passed>.<submittedAt36>|r=<id>:<resp>:<latency centiseconds36>:<at36>,…|d=<completedAt36>[|s=<seed36>.<attemptId>[.<idTag>]][|e=<id>,…][|q=<relevance>.<clarity>.<y|n>.<at36>][|b=<base36>]|n=<revision36>.<reported36>.<length36>
 *
 * `s`, `e` and `q` are optional (added within version 2; a string without them decodes
 * with their defaults, and an older build ignores them). Evaluation comments are not
 * written: they are reported once, when the evaluation is sent, and nothing shows them
 * again, so they would only cost resume space (up to 500 characters that URI-encode to
 * far more). Strings written by earlier builds of version 2 end `q` with the URI-encoded
 * comments; those are still read.
 *
 * Scores are whole basis points (0–10000) so the `.`-separated field stays unambiguous.
 * A response is its parts joined by `+` (`a+c`, `1.b+2.a`); ids and parts use
 * only `[a-z0-9.-]`, so the separators `| , : + =` never clash.
 */
export const CODEC_VERSION = '2';
/** Versions this build reads: 1 (latencies in whole seconds, no meta) and 2. */
const READABLE = new Set(['1', '2']);

/**
 * Bookkeeping that travels with the state in the same resume string, so it is
 * committed together with what it describes.
 * - `revision` grows with every save: newer data is never overwritten by older data.
 * - `reported`: the last assessment attempt whose answers reached the LMS, so no
 *   relaunch records an interaction twice (SCORM 1.2 interactions are write-only).
 */
export interface ResumeMeta {
  readonly revision: number;
  readonly reported: number;
  /**
   * The LMS index of the first interaction of the latest attempt, when only some of its answers
   * went in (SCORM 1.2, whose interactions cannot be read back): another device then completes
   * the same entries instead of adding second ones. Absent otherwise.
   */
  readonly base?: number;
}

export const EMPTY_META: ResumeMeta = { revision: 0, reported: 0 };

export class ResumeDataError extends Error {
  constructor(
    message: string,
    /** `future`: written by a newer version of the course (kept, never overwritten). */
    readonly reason: 'corrupt' | 'future' | 'foreign' = 'corrupt',
  ) {
    super(message);
    this.name = 'ResumeDataError';
  }
}

const SAFE = /^[a-z0-9.-]*$/;

function decodeComments(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

export function encodeState(state: AttemptState, meta: ResumeMeta = EMPTY_META): string {
  const a = state.assessment;
  const pct = (n: number | null) => (n === null ? '' : String(Math.round(n * 10000)));
  const t36 = (ms: number | null) => (ms === null ? '' : Math.floor(ms / 1000).toString(36));
  const resp = (r: readonly string[]) => r.filter((p) => SAFE.test(p)).join('+');
  const fields = [
    CODEC_VERSION,
    `l=${state.location}`,
    `v=${state.visited.join(',')}`,
    `c=${Object.entries(state.checks).map(([id, r]) => `${id}:${resp(r)}`).join(',')}`,
    `a=${[a.attempt, a.seed.toString(36), a.submitted ? 1 : 0, pct(a.bestScore), pct(a.lastScore), a.passed ? 1 : 0, t36(a.submittedAt)].join('.')}`,
    `r=${a.items.map((id) => { const x = a.answers[id]; return x ? `${id}:${resp(x.response)}:${Math.round(x.latency * 100).toString(36)}:${t36(x.at)}` : id; }).join(',')}`,
    `d=${t36(state.completedAt)}`,
  ];
  const tag = state.idTag.replace(/[^a-z0-9]/g, '');
  if (state.seed || state.attemptId || tag) fields.push(`s=${(state.seed >>> 0).toString(36)}.${state.attemptId.replace(/[^a-z0-9]/g, '')}${tag ? `.${tag}` : ''}`);
  if (state.ended.length) fields.push(`e=${state.ended.join(',')}`);
  const q = state.evaluation;
  if (q) fields.push(`q=${q.relevance}.${q.clarity}.${q.recommend === 'yes' ? 'y' : 'n'}.${t36(q.at)}`);
  if (meta.base !== undefined && Number.isInteger(meta.base) && meta.base >= 0) fields.push(`b=${meta.base.toString(36)}`);
  const body = fields.join('|');
  // The body's length closes the string: data cut short anywhere fails this check.
  return `${body}|n=${meta.revision.toString(36)}.${meta.reported.toString(36)}.${body.length.toString(36)}`;
}

/**
 * Decodes a resume string against the current course. Throws
 * {@link ResumeDataError} when the string is not ours or is corrupt.
 */
export function decodeState(course: CourseModel, text: string): AttemptState {
  return decodeResume(course, text).state;
}

/**
 * Decodes a resume string with its {@link ResumeMeta}. Rejects, rather than
 * guesses at, data that is cut short: every field must be present.
 */
export function decodeResume(course: CourseModel, text: string): { state: AttemptState; meta: ResumeMeta } {
  const parts = text.split('|');
  const version = parts[0] ?? '';
  if (!READABLE.has(version)) {
    const future = /^\d+$/.test(version) && Number(version) > Number(CODEC_VERSION);
    throw new ResumeDataError(`Unknown resume data version "${version.slice(0, 10)}".`, future ? 'future' : 'foreign');
  }
  const required = version === '1' ? ['l', 'v', 'c', 'a', 'r', 'd'] : ['l', 'v', 'c', 'a', 'r', 'd', 'n'];
  const field = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 1) throw new ResumeDataError(`Malformed resume field "${p.slice(0, 20)}".`);
    field.set(p.slice(0, eq), p.slice(eq + 1));
  }
  for (const key of required) if (!field.has(key)) throw new ResumeDataError(`Resume data is incomplete (no "${key}" field): it was cut short.`);
  const latencyScale = version === '1' ? 1 : 100;
  const list = (key: string) => (field.get(key) ? (field.get(key) ?? '').split(',') : []);
  const resp = (s: string | undefined) => (s ? s.split('+') : []);
  const fromT36 = (s: string | undefined) => (s ? parseInt(s, 36) * 1000 : null);
  const fromPct = (s: string | undefined) => (s ? Math.min(1, Math.max(0, Number(s) / 10000)) : null);

  const pages = new Set(pageOrder(course));
  const lessonIds = new Set(course.lessons.map((l) => l.id));
  const checkIds = new Set(course.checks.map((i) => i.id));
  const bankIds = new Set(course.bank.map((i) => i.id));
  const base = initialState();

  const checks: Record<string, readonly string[]> = {};
  for (const entry of list('c')) {
    const [id = '', r] = entry.split(':');
    if (checkIds.has(id)) checks[id] = resp(r);
  }
  const [attempt = '0', seed = '0', submitted = '0', best, last, passed = '0', submittedAt] = (field.get('a') ?? '').split('.');
  const items: string[] = [];
  const answers: Record<string, AssessmentAnswer> = {};
  for (const entry of list('r')) {
    const [id = '', r, latency, at] = entry.split(':');
    if (!bankIds.has(id)) continue;
    items.push(id);
    if (r !== undefined) answers[id] = { response: resp(r), latency: (parseInt(latency ?? '0', 36) || 0) / latencyScale, at: fromT36(at) ?? 0 };
  }
  const attemptNumber = parseInt(attempt, 10);
  if (!Number.isInteger(attemptNumber) || attemptNumber < 0) throw new ResumeDataError('Malformed assessment field.');
  const location = field.get('l') ?? base.location;
  const [revision = '0', reported = '0', length] = (field.get('n') ?? '').split('.');
  if (version !== '1' && (length === undefined || parseInt(length, 36) !== text.lastIndexOf('|n='))) {
    throw new ResumeDataError('Resume data is incomplete (its length does not match): it was cut short.');
  }
  const interactionBase = field.has('b') ? parseInt(field.get('b') ?? '', 36) : NaN;
  const meta: ResumeMeta = { revision: parseInt(revision, 36) || 0, reported: parseInt(reported, 36) || 0, ...(interactionBase >= 0 ? { base: interactionBase } : {}) };
  const [learnerSeed = '', attemptId = '', idTag = ''] = (field.get('s') ?? '').split('.');
  const [relevance = '', clarity = '', recommend = '', evaluatedAt = '', ...comments] = (field.get('q') ?? '').split('.');
  const rating = (t: string) => (/^[1-5]$/.test(t) ? Number(t) : null);
  const r1 = rating(relevance);
  const r2 = rating(clarity);
  const state: AttemptState = {
    location: pages.has(location) ? location : base.location,
    visited: list('v').filter((id) => lessonIds.has(id)),
    checks,
    assessment: {
      attempt: attemptNumber,
      seed: parseInt(seed, 36) >>> 0,
      items,
      answers,
      submitted: submitted === '1',
      bestScore: fromPct(best),
      lastScore: fromPct(last),
      passed: passed === '1',
      submittedAt: fromT36(submittedAt),
    },
    completedAt: fromT36(field.get('d')),
    seed: (parseInt(learnerSeed, 36) || 0) >>> 0,
    attemptId: /^[a-z0-9]*$/.test(attemptId) ? attemptId : '',
    idTag: /^[a-z0-9]{0,16}$/.test(idTag) ? idTag : '',
    ended: list('e').filter((id) => lessonIds.has(id)),
    evaluation:
      r1 !== null && r2 !== null && (recommend === 'y' || recommend === 'n')
        ? { relevance: r1, clarity: r2, recommend: recommend === 'y' ? 'yes' : 'no', at: fromT36(evaluatedAt) ?? 0, comments: decodeComments(comments.join('.')) }
        : null,
  };
  return { state, meta };
}
