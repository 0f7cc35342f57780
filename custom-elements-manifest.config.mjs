// `cem analyze` settings for the build's dist/custom-elements.json (build/packages.ts).
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The event name each typed event class in src/events passes to `super('slep-…')`.
 * The analyzer names an event found in `this.dispatchEvent(new X(arg))` after `arg`
 * (`new SlepAssessmentEvent('start')` became an event called `start`); it cannot follow
 * the class. This table lets the plugin below name each dispatched event by its class.
 */
function eventNames() {
  const names = new Map();
  const dir = new URL('./src/events/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const match of source.matchAll(/export class (\w+) extends Event \{[\s\S]*?super\('([^']+)'/g)) names.set(match[1], match[2]);
  }
  return names;
}

/**
 * Names every dispatched event by its class (see eventNames) and merges it with the
 * element's `@event` JSDoc entry of the same name: one entry per event with its name,
 * class (`type`) and description (tests/build/elements-manifest.test.ts checks the result). An event class not in src/events stops the build.
 */
function slepEventNames() {
  const names = eventNames();
  const classes = new Map([...names].map(([cls, name]) => [name, cls]));
  return {
    name: 'slep-event-names',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          const merged = new Map();
          for (const event of declaration.events) {
            const byType = event.type?.text ? names.get(event.type.text) : undefined;
            if (event.type?.text && !byType) throw new Error(`${mod.path}: ${declaration.name} dispatches ${event.type.text}, which is not an event class in src/events`);
            const name = byType ?? event.name;
            const previous = merged.get(name) ?? {};
            merged.set(name, { ...previous, ...event, name, description: previous.description ?? event.description, type: previous.type ?? event.type });
          }
          declaration.events = [...merged.values()].map((e) => {
            // An event documented only by `@event` gets its class from the table too.
            const type = e.type ?? (classes.has(e.name) ? { text: classes.get(e.name) } : undefined);
            return Object.fromEntries(Object.entries({ ...e, type }).filter(([, v]) => v !== undefined));
          });
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  litelement: true,
  // The build must not rewrite package.json (its `customElements` field is fixed).
  packagejson: false,
  plugins: [slepEventNames()],
};
