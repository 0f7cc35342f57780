/**
 * The compiled course model: what `build/` produces from `course/` and what the
 * browser renders. Plain data only (JSON-serialisable); lesson prose is HTML that
 * the build has already rendered from Markdown and checked, so no Markdown parser
 * ships to learners.
 */

/** A learning outcome; reported to the LMS as an objective. */
export interface Outcome {
  /** Stable id, `[a-z0-9-]`; becomes the SCORM objective id. */
  readonly id: string;
  readonly text: string;
}

/**
 * A measurable lesson objective (condition, behavior, standard), mapped to one
 * outcome. The assessment blueprint draws `draw` bank items tagged with it in
 * every attempt.
 */
export interface Objective {
  /** Stable id, `[a-z0-9-]`; bank items name it in their `objective` field. */
  readonly id: string;
  /** The lesson that teaches it. */
  readonly lesson: string;
  /** The outcome it serves (items tagged with it report to this outcome). */
  readonly outcome: string;
  /** The behavior, written for learners ("Tell sworn officers apart from…"). */
  readonly text: string;
  /** The condition ("Given a description of…"). */
  readonly condition: string;
  /** The standard that counts as mastery ("…with no more than one error"). */
  readonly standard: string;
  /** Bank items drawn for it in every attempt (the blueprint's required count). */
  readonly draw: number;
}

/** How the assessment is drawn and scored (course.yaml `assessment`). */
export interface AssessmentSettings {
  /** Items in every attempt: the sum of the objectives' `draw` counts (the blueprint). */
  readonly itemsPerAttempt: number;
  /** Estimated minutes for the assessment; lessons' minutes plus this equal the course's. */
  readonly minutes: number;
  /** Attempts allowed; 0 means unlimited. */
  readonly attempts: number;
  /** Shuffle item order and choice order (seeded per attempt). */
  readonly shuffle: boolean;
}

/** When the course counts as completed. */
export interface CompletionRule {
  /** Every lesson must be visited. Always true today; kept explicit for authors. */
  readonly allLessons: true;
  /** The assessment must also be submitted at least once. */
  readonly requireAssessment: boolean;
  /**
   * How SCORM 1.2's single `cmi.core.lesson_status` reports a finished course:
   * `passed-failed` (the default) or `completed` with the score alongside, for LMSs
   * whose gradebook or certification rules expect `completed`.
   */
  readonly scorm12Status: 'passed-failed' | 'completed';
  /**
   * cmi5 AU `moveOn` written to cmi5.xml (cmi5 §13.1.4): what the LMS needs from this AU
   * to count it satisfied. Default `CompletedAndPassed`.
   */
  readonly cmi5MoveOn: 'NotApplicable' | 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed';
}

export interface CourseModel {
  /** An IRI that identifies the course (activity id for xAPI, manifest identifier source). */
  readonly id: string;
  /** Short `[a-z0-9-]` slug used for file names, derived from the id. */
  readonly slug: string;
  readonly title: string;
  readonly version: string;
  readonly language: string;
  readonly description: string;
  readonly publisher: string;
  /** The organization that issues the certificate (course.yaml `issuer`, else the publisher). */
  readonly issuer: string;
  /** Estimated minutes for the whole course. */
  readonly minutes: number;
  readonly creditHours: number;
  /**
   * Credit rules (course.yaml `credit`) that the training-board roster applies: a completion
   * earns `creditHours` only when passed with a best score ≥ `minimumScore` (0–1) and at least
   * `minimumMinutes` in the course. Optional in the type for hand-made models; the build always sets it.
   */
  readonly credit?: { readonly minimumScore: number; readonly minimumMinutes: number };
  /** Passing score as a fraction in [0, 1]; the LMS value wins where it sends one. */
  readonly masteryScore: number;
  /** Plain-language notice shown once (not legal advice, state law varies). HTML. */
  readonly noticeHtml: string;
  /** Date the content was last reviewed, `YYYY-MM-DD`. */
  readonly revision: string;
  /** How often the content is reviewed, in plain words ("Every 12 months…"). */
  readonly reviewCycle: string;
  /** What the course does and does not cover. HTML. */
  readonly scopeHtml: string;
  /** Credit to the original training, funder disclaimer and copyright note. HTML. */
  readonly attributionHtml: string;
  readonly outcomes: readonly Outcome[];
  /** Every lesson's measurable objectives, in lesson order: the assessment blueprint. */
  readonly objectives: readonly Objective[];
  readonly completion: CompletionRule;
  readonly assessment: AssessmentSettings;
  readonly lessons: readonly Lesson[];
  /** Unscored knowledge checks, referenced by lessons. */
  readonly checks: readonly Item[];
  /** The scored question bank. */
  readonly bank: readonly Item[];
  readonly workbook: Workbook;
  readonly resources: readonly Resource[];
  /** The district's name, logo, contacts and certificate lines, from a district override file (docs/customizing.md). */
  readonly district?: District;
}

/**
 * A district's customization, compiled from its override file (`--district <file>` or
 * `SLEP_DISTRICT`). Its colours are not here: the build writes them into `app/base.css`
 * as `--slep-color-*` custom properties after checking their contrast.
 */
export interface District {
  /** The organization, e.g. "Riverside Unified School District". */
  readonly name: string;
  /** The logo copied into the package (an SVG checked like a diagram, or a PNG). */
  readonly logo: { readonly src: string; readonly alt: string; readonly width: number; readonly height: number } | null;
  /** Local people to ask (the SRO program lead, the agency liaison, …). */
  readonly contacts: readonly Contact[];
  /** The certificate's signature line: who signs it. */
  readonly signature: { readonly name: string; readonly title: string } | null;
}

export interface Contact {
  /** What they do for this program, e.g. "SRO program lead". */
  readonly role: string;
  readonly name: string;
  /** Job title and organization, e.g. "Director of Student Services, Riverside USD" ('' if none). */
  readonly title: string;
  readonly email: string;
  readonly phone: string;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly outcomes: readonly string[];
  /** "By the end of this lesson you can…" statements (the objectives' `text`, in order). */
  readonly objectives: readonly string[];
  readonly blocks: readonly Block[];
}

/** A compiled lesson block. `html` fields are sanitised at build time. */
export type Block =
  | { readonly kind: 'prose'; readonly html: string }
  | { readonly kind: 'callout'; readonly title: string; readonly html: string }
  | { readonly kind: 'takeaway'; readonly html: string }
  | { readonly kind: 'scenario'; readonly title: string; readonly html: string }
  | { readonly kind: 'check'; readonly itemId: string }
  | { readonly kind: 'discussion'; readonly questionId: string }
  | { readonly kind: 'sources'; readonly html: string }
  /** An inline SVG diagram from `course/assets/diagrams/<name>.svg`, sanitized at build time; its text alternative is inside. */
  | { readonly kind: 'diagram'; readonly name: string; readonly svg: string; readonly description: string; readonly captionHtml: string };

export type ItemType = 'single' | 'multiple' | 'true-false' | 'matching' | 'ordering';

/** One choice of a single, multiple or true-false item. */
export interface Choice {
  /** Stable id: `a`…`i` in authored order (the SCORM 1.2 response letter). */
  readonly id: string;
  readonly html: string;
  readonly correct: boolean;
  /** Why this choice is right or wrong. HTML. */
  readonly feedbackHtml: string;
}

/** One pair of a matching item: a prompt and the target that belongs with it. */
export interface MatchPair {
  /** `1`…`9`: prompt ids. */
  readonly id: string;
  readonly promptHtml: string;
  /** `a`…`i`: target ids. */
  readonly targetId: string;
  readonly targetHtml: string;
}

/** One step of an ordering item, listed in the correct order. */
export interface Step {
  /** `a`…`i` in the correct order. */
  readonly id: string;
  readonly html: string;
}

interface ItemBase {
  readonly id: string;
  /** The outcome it reports to: the outcome of its objective. */
  readonly outcome: string;
  /** The lesson objective it measures (required for bank items; optional for checks). */
  readonly objective?: string;
  readonly stemHtml: string;
  /** Plain-text stem, for reports (interaction description). */
  readonly stemText: string;
  /** Where the fact the item tests comes from. */
  readonly source: string;
}

export interface ChoiceItem extends ItemBase {
  readonly type: 'single' | 'multiple' | 'true-false';
  readonly choices: readonly Choice[];
}

export interface MatchingItem extends ItemBase {
  readonly type: 'matching';
  readonly pairs: readonly MatchPair[];
  readonly feedback: { readonly correctHtml: string; readonly incorrectHtml: string };
}

export interface OrderingItem extends ItemBase {
  readonly type: 'ordering';
  readonly steps: readonly Step[];
  readonly feedback: { readonly correctHtml: string; readonly incorrectHtml: string };
}

export type Item = ChoiceItem | MatchingItem | OrderingItem;

export interface WorkbookQuestion {
  readonly id: string;
  /** The lesson the question belongs with. */
  readonly lesson: string;
  readonly questionHtml: string;
  readonly prompts: readonly string[];
}

export interface ChecklistEntry {
  readonly html: string;
  /** Where the item comes from, as inline HTML (titles in italics). */
  readonly sourceHtml: string;
}

export interface Workbook {
  readonly introHtml: string;
  readonly questions: readonly WorkbookQuestion[];
  readonly checklist: { readonly title: string; readonly introHtml: string; readonly items: readonly ChecklistEntry[] };
}

export interface Resource {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly publisher: string;
  readonly descriptionHtml: string;
  /** `original` = listed by the original training; `source` = a primary source the course cites; `local` = the district's own (district override file). */
  readonly group: 'original' | 'source' | 'local';
}
