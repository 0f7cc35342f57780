/**
 * The two time types of the SCORM 2004 4th edition data model (RTE 4.1.4.2 "timeinterval"
 * and "time"), both ISO 8601 profiles.
 */

/**
 * A duration as SCORM 2004 `timeinterval (second,10,2)`: `PT[nH][nM][n[.nn]S]`, to the
 * hundredth of a second, never negative. Zero is `PT0S`.
 *
 * @example
 * isoDuration(3723.4); // 'PT1H2M3.4S'
 */
export function isoDuration(seconds: number): string {
  const centis = Math.max(0, Math.round((Number.isFinite(seconds) ? seconds : 0) * 100));
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = (centis % 6000) / 100;
  let text = 'PT';
  if (h) text += `${h}H`;
  if (m) text += `${m}M`;
  if (s || (!h && !m)) text += `${Number(s.toFixed(2))}S`;
  return text;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Seconds in an ISO 8601 duration as an LMS reports `cmi.total_time`; 0 when unreadable.
 * Years and months count as 365 and 30 days (RTE leaves them to the LMS; none uses them).
 */
export function parseIsoDuration(text: string): number {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!match || trimmed === 'P' || trimmed.endsWith('T')) return 0;
  const [, y, mo, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return (((y ?? 0) * 365 + (mo ?? 0) * 30 + (d ?? 0)) * 24 + (h ?? 0)) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** Whether text is a SCORM 2004 timeinterval the way LMSs check it (Moodle's CMITimespan). */
export function isIsoDuration(text: string): boolean {
  return /^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?$/.test(text) && text !== 'P';
}

/**
 * A point in time as SCORM 2004 `time (second,10,0)`: local date and time with hundredths
 * and the learner's offset, `YYYY-MM-DDThh:mm:ss.ss±hh:mm` (or `Z`). The book allows the
 * time-zone designator only after the fraction, so the fraction is always written.
 *
 * @example
 * isoTimestamp(new Date()); // '2026-11-28T09:05:07.25-05:00'
 */
export function isoTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${two(Math.floor(date.getMilliseconds() / 10))}${zone}`
  );
}

/** Whether text is a SCORM 2004 time with fraction and zone, as {@link isoTimestamp} writes it. */
export function isIsoTimestamp(text: string): boolean {
  return /^(19[7-9]\d|20[0-2]\d|203[0-8])-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{1,2}(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)$/.test(text);
}
