/** What the tracker tells the interface about the connection to the LMS. */
export interface TrackingStatus {
  /** Which driver is active. */
  readonly driver: 'scorm12' | 'local';
  /** The learner's name as the LMS gives it ("Last, First" in SCORM 1.2), if any. */
  readonly learnerName: string;
  /** Passing score (0..1) in force: the LMS value where it sends one, else the course's. */
  readonly masteryScore: number;
  /** Time spent in earlier sessions, in seconds, where the LMS reports it. */
  readonly priorSeconds: number;
  /** When this session started (epoch ms). */
  readonly sessionStart: number;
  /** A plain-language message for the learner, or '' when all is well. */
  readonly message: string;
  /** `info` = a fact to know (local mode); `error` = progress is not reaching the LMS. */
  readonly level: 'ok' | 'info' | 'error';
  /** True once the session was finished (LMSFinish): nothing more can be saved. */
  readonly ended: boolean;
}
