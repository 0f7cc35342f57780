import type { CourseModel } from '../model/course.js';
import type { PackageKind } from '../packages.js';
import type { AttemptStore } from '../state/store.js';
import type { Launch } from '../tracking/driver.js';
import type { Tracker } from '../tracking/tracker.js';

/** What the diagnostics view needs from the app; `lastSave` is kept up to date from launch on. */
export interface DiagnosticsContext {
  readonly course: CourseModel;
  readonly kind: PackageKind;
  readonly store: AttemptStore;
  readonly tracker: Tracker;
  readonly launch: Launch | null;
  lastSave: { readonly at: number; readonly ok: boolean } | null;
}

/** The key combination that opens and closes the diagnostics view (docs/administrators.md). */
export const DIAGNOSTICS_KEYS = 'Ctrl+Alt+Shift+D';

const isDiagnosticsKey = (e: KeyboardEvent): boolean => e.ctrlKey && e.altKey && e.shiftKey && e.code === 'KeyD';

/**
 * Arms the diagnostics view for administrators: it opens with `?diagnostics` in the
 * launch URL or with {@link DIAGNOSTICS_KEYS}, and is never shown otherwise. Until
 * then only this listener and a save observer exist: the view and the code that
 * gathers its facts are a chunk of their own (src/diagnostics/open.ts), loaded on demand.
 */
export function installDiagnostics(options: Omit<DiagnosticsContext, 'lastSave'>): void {
  const context: DiagnosticsContext = { ...options, lastSave: null };
  let saving = options.tracker.status.saving;
  options.tracker.onStatus((status) => {
    if (saving && !status.saving) context.lastSave = { at: Date.now(), ok: status.level !== 'error' };
    saving = status.saving;
  });
  const show = (toggle: boolean): void => {
    import('./open.js')
      .then((m) => m.showDiagnostics(context, { toggle }))
      .catch((error: unknown) => console.warn('[slep] The diagnostics view could not load.', error));
  };
  if (new URLSearchParams(window.location.search).has('diagnostics')) show(false);
  document.addEventListener('keydown', (event) => {
    if (!isDiagnosticsKey(event)) return;
    event.preventDefault();
    show(true);
  });
}
