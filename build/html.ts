import type { CourseModel } from '../src/model/course.js';
import { escapeXml } from '../manifests/xml.js';

/**
 * A strict Content-Security-Policy: only the package's own files; no inline
 * script or style, no eval, nothing from other hosts. (frame-ancestors cannot be
 * set from a meta tag; the LMS frames the course.)
 */
export function csp(connectSrc = "'self'"): string {
  return [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src ${connectSrc}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  ].join('; ');
}

/** The policy of the packages that talk only to their own origin (SCORM, web). */
export const CSP = csp();

/** Page-level rules; components carry their own styles. */
export const BASE_CSS = `html,body{margin:0;padding:0;background:#fff;color:#1b1f24}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:100%}
noscript p,#app>p{padding:1rem;max-width:40rem}
`;

/**
 * The launch page. `preload` lists the scripts (paths under app/) the first screen
 * needs besides app/course.js, e.g. the tracking driver: declared up front, they
 * download alongside the entry script instead of after it. `build` (the build id, shown
 * by the diagnostics view) goes on the root element as `data-build`.
 */
export function indexHtml(options: { course: CourseModel; kind: string; connectSrc?: string; preload?: readonly string[]; build?: string }): string {
  const { course } = options;
  const preload = (options.preload ?? []).map((file) => `<link rel="modulepreload" href="app/${escapeXml(file)}">\n`).join('');
  return `<!doctype html>
<html lang="${escapeXml(course.language)}" data-package="${escapeXml(options.kind)}"${options.build ? ` data-build="${escapeXml(options.build)}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp(options.connectSrc)}">
<meta name="referrer" content="no-referrer">
<title>${escapeXml(course.title)}</title>
<link rel="stylesheet" href="app/base.css">
<script type="module" src="app/course.js"></script>
${preload}</head>
<body>
<div id="app"><p>Loading the course…</p></div>
<noscript><p>This course needs JavaScript. Please turn it on, or ask your learning system administrator for help.</p></noscript>
</body>
</html>
`;
}
