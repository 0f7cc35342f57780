// Bundles src/main.ts for the browser. The compiled course model comes from
// .generated/course.json (written by build/cli.ts) as the module `virtual:slep-course`:
// a compact skeleton in the entry script (its assessment half, `virtual:slep-blueprint`, in
// the tracker's chunk), and the text in one chunk per content part
// (a lesson, the question bank, the workbook, the resources), loaded as needed
// (src/model/skeleton.ts, src/model/loader.ts). Pages other than the welcome are
// chunks of their own too (src/components/lazy/page-gate.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './build/minify-templates.js';
import { compactBlueprint, compactCourse, contentParts } from './build/split-model.js';

const COURSE = 'virtual:slep-course';
const BLUEPRINT = 'virtual:slep-blueprint';
const CONTENT = 'virtual:slep-content/';
const ROOT = import.meta.dirname;
/** Where build/cli.ts writes the compiled model and the bundle (tests build into a temp dir). */
const GENERATED = process.env.SLEP_GENERATED_DIR ?? '.generated';

/** @returns {import('rollup').Plugin} */
function courseModel() {
  /** @type {Record<string, unknown>} */
  let parts = {};
  let model;
  return {
    name: 'slep-course-model',
    buildStart() {
      model = JSON.parse(readFileSync(`${GENERATED}/course.json`, 'utf8'));
      parts = contentParts(model);
    },
    resolveId: (id) => (id === COURSE || id === BLUEPRINT || id.startsWith(CONTENT) ? `\0${id}` : null),
    load(id) {
      if (id === `\0${BLUEPRINT}`) {
        // Imported by src/start.ts only, so it lands in the tracker's chunk, not the entry.
        return [
          `import course from ${JSON.stringify(COURSE)};`,
          `import { expandBlueprint } from ${JSON.stringify(resolve(ROOT, 'src/model/skeleton.ts'))};`,
          `expandBlueprint(course, ${JSON.stringify(compactBlueprint(model))});`,
        ].join('\n');
      }
      if (id === `\0${COURSE}`) {
        const importers = Object.keys(parts).map((name) => `${JSON.stringify(name)}: () => import(${JSON.stringify(CONTENT + name)})`);
        return [
          `import ${JSON.stringify(resolve(ROOT, 'src/model/chunk-import.ts'))};`,
          `import { expandCourse } from ${JSON.stringify(resolve(ROOT, 'src/model/skeleton.ts'))};`,
          `import { registerContent } from ${JSON.stringify(resolve(ROOT, 'src/model/loader.ts'))};`,
          `const course = expandCourse(${JSON.stringify(compactCourse(model))});`,
          `registerContent(course, {${importers.join(', ')}});`,
          'export default course;',
        ].join('\n');
      }
      if (id.startsWith(`\0${CONTENT}`)) {
        const part = parts[id.slice(CONTENT.length + 1)];
        // A JSON string parses faster than the same object as a JavaScript literal.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
      }
      return null;
    },
    // import('./chunk.js') → __slepImport('./chunk.js', import.meta.url): a retry after a
    // failed load asks for a new address (src/model/chunk-import.ts).
    renderDynamicImport: ({ targetModuleId }) => (targetModuleId ? { left: '__slepImport(', right: ', import.meta.url)' } : null),
  };
}

/**
 * The whitespace of the components' `css` and `html` templates (build/minify-templates.ts);
 * after esbuild, so the code is JavaScript.
 * @returns {import('rollup').Plugin}
 */
function minifiedTemplates() {
  return {
    name: 'slep-minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const out = minifyTemplates(code, (c) => this.parse(c));
      return out === null ? null : { code: out, map: null };
    },
  };
}

/**
 * One chunk per content part, and the API plumbing both SCORM drivers share (finding the API,
 * guarded calls) in one small chunk of its own: otherwise rollup puts it in one driver's chunk
 * and the other package loads that whole driver too.
 * The page chunks are rollup's own split at the import() calls in page-gate.ts.
 */
function manualChunks(id) {
  if (id.startsWith(`\0${CONTENT}`)) return `content-${id.slice(CONTENT.length + 1).replace(/[^a-z0-9-]/gi, '-')}`;
  if (/\/src\/tracking\/(scorm-calls|find-api)\.ts$/.test(id)) return 'scorm-api';
  return undefined;
}

export default {
  input: 'src/main.ts',
  output: {
    dir: `${GENERATED}/app`,
    format: 'es',
    entryFileNames: 'course.js',
    // A page's chunk is named after its folder (lesson, questions, assessment, pages).
    chunkFileNames: (chunk) => `${chunk.moduleIds.map((id) => /\/src\/components\/(\w+)\//.exec(id)?.[1]).find(Boolean) ?? '[name]'}-[hash].js`,
    sourcemap: false,
    manualChunks,
  },
  plugins: [
    courseModel(),
    // 'module' first: @xapi/xapi's "browser" field points at a UMD build without ES exports.
    nodeResolve({ browser: true, exportConditions: ['production'], mainFields: ['module', 'browser', 'main'] }),
    esbuild({ target: 'es2020', tsconfig: 'tsconfig.json' }),
    minifiedTemplates(),
    terser({ module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
};
