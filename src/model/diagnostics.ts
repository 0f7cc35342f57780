/**
 * The facts the diagnostics view shows an LMS administrator, and the plain-text report
 * it copies. Standard-neutral and free of the DOM: the app gathers the facts
 * (src/diagnostics/), the view (src/components/diagnostics/) only shows them.
 */

export interface DiagnosticsFacts {
  /** When the facts were read (ISO 8601, UTC). */
  readonly at: string;
  readonly course: { readonly id: string; readonly title: string; readonly version: string; readonly build: string };
  /** The package that was uploaded, e.g. `SCORM 1.2 (scorm12)`. */
  readonly packageKind: string;
  /** The standard actually in use: the package's, or `local (browser storage)` after a fallback, and why. */
  readonly standard: string;
  /** Where the LMS API or LRS endpoint was found, or why none was. */
  readonly connection: string;
  /** The launch URL's parameters, credentials masked. */
  readonly launchParameters: readonly (readonly [string, string])[];
  readonly launch: {
    readonly mode: string;
    readonly credit: string;
    readonly entry: string;
    /** The pass mark in force, e.g. `80% (from the LMS)`. */
    readonly masteryScore: string;
    readonly learnerId: string;
    readonly registration: string;
  };
  /** What the course reports now, and what the LMS/LRS held at launch. */
  readonly record: {
    /** e.g. `completion incomplete, success unknown, score none` */
    readonly reporting: string;
    /** e.g. `5 of 7 lessons opened; assessment attempt 1 of 3, submitted, best 85%` */
    readonly progress: string;
    readonly atLaunch: string;
  };
  readonly saving: {
    /** e.g. `12:04:05 UTC, confirmed` or `none since this page opened`. */
    readonly lastSave: string;
    readonly confirmedRevision: number;
    readonly status: string;
    readonly lastError: string;
    /** Statements (or other entries) waiting for the LMS/LRS. */
    readonly pending: number;
  };
  readonly resumeData: { readonly length: number; readonly limit: number };
  readonly location: { readonly length: number; readonly limit: number };
  readonly page: { readonly address: string; readonly framed: boolean; readonly userAgent: string };
}

/** Where the diagnostics view reads its facts: filled by the app, read when the view opens or refreshes. */
export interface DiagnosticsSource {
  read(): DiagnosticsFacts;
}

/** Launch parameters whose values are credentials: never shown, never copied. */
const SECRET = /auth|token|secret|password|passwd|key|fetch|session/i;

/**
 * The launch URL's parameters with credentials masked: `auth` (xAPI Basic credentials),
 * cmi5's one-time `fetch` URL (only its origin is kept) and anything named like a token
 * or key become `•••• (masked, N characters)`.
 */
export function maskLaunchParameters(search: string): [string, string][] {
  return [...new URLSearchParams(search)].map(([key, value]) => {
    if (!SECRET.test(key)) return [key, value];
    const masked = `•••• (masked, ${value.length} characters)`;
    if (/fetch/i.test(key)) {
      try {
        return [key, `${new URL(value).origin}/… ${masked}`];
      } catch {
        return [key, masked];
      }
    }
    const scheme = /^(Basic|Bearer)\s/i.exec(value)?.[1];
    return [key, scheme ? `${scheme} ${masked}` : masked];
  });
}

const percent = (length: number, limit: number): string => (limit > 0 ? `${Math.round((length / limit) * 100)}%` : '—');

/** The facts as labelled rows, in the order the view shows them and the report lists them. */
export function diagnosticsRows(facts: DiagnosticsFacts): [string, string][] {
  const { course, launch, saving } = facts;
  return [
    ['Course', course.title],
    ['Course id', course.id],
    ['Course version', course.version],
    ['Build id', course.build],
    ['Package', facts.packageKind],
    ['Standard in use', facts.standard],
    ['Connection', facts.connection],
    ['Launch mode', launch.mode],
    ['Credit', launch.credit],
    ['Entry', launch.entry],
    ['Mastery score', launch.masteryScore],
    ['Learner id', launch.learnerId || '(none)'],
    ['Registration / attempt', launch.registration || '(none)'],
    ['Course reports now', facts.record.reporting],
    ['Progress', facts.record.progress],
    ['LMS/LRS record at launch', facts.record.atLaunch],
    ['Last save', saving.lastSave],
    ['Last revision confirmed by the LMS/LRS', String(saving.confirmedRevision)],
    ['Message shown to the learner', saving.status || '(none)'],
    ['Last error', saving.lastError || '(none)'],
    ['Pending statements', String(saving.pending)],
    ['Resume data', `${facts.resumeData.length} of ${facts.resumeData.limit} characters (${percent(facts.resumeData.length, facts.resumeData.limit)})`],
    ['Location', `${facts.location.length} of ${facts.location.limit} characters`],
    ['Page', `${facts.page.address}${facts.page.framed ? ' (in a frame)' : ' (top window)'}`],
    ['Browser', facts.page.userAgent],
    ...facts.launchParameters.map(([k, v]): [string, string] => [`Launch parameter ${k}`, v]),
  ];
}

/** The report an administrator pastes into a support ticket: plain text, one fact a line, credentials masked. */
export function diagnosticsReport(facts: DiagnosticsFacts): string {
  const rows = diagnosticsRows(facts);
  const none = facts.launchParameters.length ? [] : ['Launch parameters: (none)'];
  return `${[`Course diagnostics report, ${facts.at}`, ...rows.map(([k, v]) => `${k}: ${v}`), ...none].join('\n')}\n`;
}
