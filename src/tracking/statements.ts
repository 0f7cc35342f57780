import type { Activity, Agent, Context, Statement } from '@xapi/xapi';

type ContextActivity = Activity;
import type { InteractionRecord, TrackingEvent } from './driver.js';
import { isoDuration, uuid } from './lrs.js';

/**
 * TrackingEvents as xAPI statements (xAPI 1.0.3; ADL verbs), shared by the xAPI and cmi5
 * drivers. Every statement gets a client-made UUID (made once: the outbox resends the same
 * object), a UTC timestamp, the registration, the platform and language, and its place in
 * the course (contextActivities parent / grouping).
 */

/** ADL verbs (http://adlnet.gov/expapi/verbs/…), as the xAPI vocabulary defines them. */
export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  resumed: 'http://adlnet.gov/expapi/verbs/resumed',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  suspended: 'http://adlnet.gov/expapi/verbs/suspended',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;
export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

/** cmi5 §9.5.2.1 progress extension (an integer percentage); xAPI packages use it too. */
export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

export interface StatementOptions {
  readonly actor: Agent;
  readonly registration: string;
  /** The activity course-level statements are about: `activity_id` (xAPI) or the AU's `activityId` (cmi5). */
  readonly activityId: string;
  /** The course IRI (course.yaml `id`): lessons and questions get ids under it, stable across registrations. */
  readonly courseId: string;
  readonly courseTitle: string;
  readonly language: string;
  readonly platform: string;
  /** When this session started (epoch ms), for durations. */
  readonly sessionStart: number;
  /** cmi5: the LMS's context template, merged into every statement (cmi5 §10 contextTemplate). */
  readonly template?: Context;
}

/** A response as the xAPI interaction formats write it (xAPI 1.0.3 §4.1.4.1, "Response Pattern"). */
export function responsePattern(record: Pick<InteractionRecord, 'type'>, response: readonly string[]): string {
  switch (record.type) {
    case 'true-false':
      return response[0] === 't' ? 'true' : response[0] === 'f' ? 'false' : (response[0] ?? '');
    case 'matching':
      return response.map((pair) => pair.replace('.', '[.]')).join('[,]');
    case 'choice':
      return [...response].sort().join('[,]');
    default:
      return response.join('[,]');
  }
}

export class StatementFactory {
  constructor(private readonly options: StatementOptions) {}

  get courseActivity(): Activity {
    const { options: o } = this;
    return { objectType: 'Activity', id: o.activityId, definition: { type: ACTIVITY_TYPES.course, name: { [o.language]: o.courseTitle } } };
  }

  lessonActivity(lessonId: string, title: string): Activity {
    const { options: o } = this;
    return { objectType: 'Activity', id: `${o.courseId}/lessons/${encodeURIComponent(lessonId)}`, definition: { type: ACTIVITY_TYPES.lesson, name: { [o.language]: title } } };
  }

  get assessmentActivity(): Activity {
    const { options: o } = this;
    return { objectType: 'Activity', id: `${o.courseId}/assessment`, definition: { type: ACTIVITY_TYPES.assessment, name: { [o.language]: `${o.courseTitle}: assessment` } } };
  }

  /** A question as a cmi.interaction activity with its type, components and correct pattern. */
  interactionActivity(record: InteractionRecord): Activity {
    const { language } = this.options;
    const text = (t: string) => ({ [language]: t });
    const component = (c: { id: string; text: string }) => ({ id: c.id, description: text(c.text) });
    const path = record.kind === 'assessment' ? 'assessment/items' : 'checks';
    const o = record.options;
    const components =
      record.type === 'choice'
        ? { choices: (o.choices ?? []).map(component) }
        : record.type === 'sequencing'
          ? { choices: (o.steps ?? []).map(component) }
          : record.type === 'matching'
            ? { source: (o.source ?? []).map(component), target: (o.target ?? []).map(component) }
            : {};
    return {
      objectType: 'Activity',
      id: `${this.options.courseId}/${path}/${encodeURIComponent(record.itemId)}`,
      definition: {
        type: ACTIVITY_TYPES.interaction,
        name: text(record.description.length > 120 ? `${record.description.slice(0, 117)}…` : record.description),
        description: text(record.description),
        interactionType: record.type,
        correctResponsesPattern: [responsePattern(record, record.correctResponse)],
        ...components,
      },
    } as unknown as Activity;
  }

  /** One statement; `parents` become contextActivities.parent, the course activity the grouping. */
  make(options: { verb: VerbName; object: Activity; at: number; result?: Statement['result']; parents?: readonly Activity[]; extensions?: Record<string, unknown>; categories?: readonly string[] }): Statement {
    const o = this.options;
    const course = { objectType: 'Activity', id: o.activityId } as ContextActivity;
    const template = o.template;
    const t = template?.contextActivities ?? {};
    const list = (v: ContextActivity | ContextActivity[] | undefined): ContextActivity[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const parent = [...list(t.parent), ...(options.parents ?? []).map((p) => ({ objectType: 'Activity', id: p.id }) as ContextActivity)];
    const grouping = [...list(t.grouping), ...(options.object.id === o.activityId || parent.some((p) => p.id === o.activityId) ? [] : [course])];
    const category = [...list(t.category), ...(options.categories ?? []).map((id) => ({ objectType: 'Activity', id }) as ContextActivity)];
    const contextActivities: Record<string, ContextActivity[]> = {};
    if (parent.length) contextActivities.parent = parent;
    if (grouping.length) contextActivities.grouping = dedupe(grouping);
    if (category.length) contextActivities.category = dedupe(category);
    if (list(t.other).length) contextActivities.other = list(t.other);
    const extensions = { ...(template?.extensions ?? {}), ...(options.extensions ?? {}) };
    const context: Context = {
      registration: o.registration,
      platform: o.platform,
      language: o.language,
      ...(Object.keys(contextActivities).length ? { contextActivities } : {}),
      ...(Object.keys(extensions).length ? { extensions } : {}),
    } as Context;
    return {
      id: uuid(),
      actor: o.actor,
      verb: { id: VERBS[options.verb], display: { 'en-US': options.verb } },
      object: options.object,
      ...(options.result ? { result: options.result } : {}),
      context,
      timestamp: new Date(options.at).toISOString(),
    } as Statement;
  }

  /** Session time up to `at`, as an xAPI duration. */
  duration(at: number): string {
    return isoDuration((at - this.options.sessionStart) / 1000);
  }

  /** The answered statement of one question: the response, success and time taken. */
  answered(record: InteractionRecord, at: number): Statement {
    const parents = record.kind === 'assessment' ? [this.assessmentActivity] : record.lessonId ? [{ id: `${this.options.courseId}/lessons/${encodeURIComponent(record.lessonId)}` } as Activity] : [this.courseActivity];
    return this.make({
      verb: 'answered',
      object: this.interactionActivity(record),
      at: Math.min(at, record.timestamp.getTime() || at),
      parents,
      result: {
        success: record.result === 'correct',
        ...(record.response.length ? { response: responsePattern(record, record.response) } : {}),
        duration: isoDuration(record.latency),
      },
    });
  }

  /**
   * The statements of one tracker event, for a plain xAPI launch (cmi5 adds its own rules).
   * `submitted` gives one answered per question of the attempt; `evaluated` gives none.
   */
  fromEvent(event: TrackingEvent): Statement[] {
    const course = this.courseActivity;
    switch (event.type) {
      case 'launched':
        return [this.make({ verb: event.resumed ? 'resumed' : 'initialized', object: course, at: event.at })];
      case 'experienced':
        return [this.make({ verb: 'experienced', object: this.lessonActivity(event.lessonId, event.title), at: event.at, parents: [course] })];
      case 'answered':
        return [this.answered(event.record, event.at)];
      case 'submitted':
        return event.interactions.map((r) => this.answered(r, event.at));
      case 'progressed':
        return [this.make({ verb: 'progressed', object: course, at: event.at, result: { extensions: { [PROGRESS_EXTENSION]: Math.round(event.progress * 100) } } })];
      case 'completed':
        return [this.make({ verb: 'completed', object: course, at: event.at, result: { completion: true, duration: this.duration(event.at) } })];
      case 'passed':
      case 'failed':
        return [this.make({ verb: event.type, object: course, at: event.at, result: { success: event.type === 'passed', score: score(event.score), duration: this.duration(event.at) } })];
      case 'suspended':
        return [this.make({ verb: 'suspended', object: course, at: event.at, result: { duration: this.duration(event.at) } })];
      case 'terminated':
        return [this.make({ verb: 'terminated', object: course, at: event.at, result: { duration: this.duration(event.at) } })];
      default:
        return [];
    }
  }
}

/** result.score for a score in [0, 1]: scaled, and raw out of 0–100. */
export function score(value: number): { scaled: number; raw: number; min: number; max: number } {
  const scaled = Math.round(Math.min(1, Math.max(0, value)) * 10000) / 10000;
  return { scaled, raw: Math.round(scaled * 100), min: 0, max: 100 };
}

function dedupe(list: ContextActivity[]): ContextActivity[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.id) && (seen.add(a.id), true));
}
