/**
 * SCORM 1.2 CMITimespan: `HHHH:MM:SS.SS` — hours 2 to 4 digits, seconds with
 * an optional 1–2 digit fraction (SCORM 1.2 RTE, 3.4.2 "CMITimespan").
 * Capped at 9999:59:59.99.
 */
export function scorm12Timespan(seconds: number): string {
  const centis = Math.min(Math.max(0, Math.round(seconds * 100)), (9999 * 3600 + 59 * 60 + 59) * 100 + 99);
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = (centis % 6000) / 100;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

/** SCORM 1.2 CMITime (time of day): `HH:MM:SS` in the learner's local time. */
export function scorm12Time(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** Parses a CMITimespan (`HH[HH]:MM:SS[.S[S]]`) into seconds; 0 when unreadable. */
export function parseScorm12Timespan(text: string): number {
  const match = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(text.trim());
  if (!match) return 0;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0);
}
