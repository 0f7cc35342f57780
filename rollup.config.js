// Bundles src/main.ts for the browser. The compiled course model comes from
// .generated/course.json (written by build/cli.ts) as the module `virtual:slep-course`.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const COURSE = 'virtual:slep-course';
/** Where build/cli.ts writes the compiled model and the bundle (tests build into a temp dir). */
const GENERATED = process.env.SLEP_GENERATED_DIR ?? '.generated';

/** @returns {import('rollup').Plugin} */
function courseModel() {
  return {
    name: 'slep-course-model',
    resolveId: (id) => (id === COURSE ? `\0${COURSE}` : null),
    load: (id) => (id === `\0${COURSE}` ? `export default JSON.parse(${JSON.stringify(readFileSync(`${GENERATED}/course.json`, 'utf8'))});` : null),
  };
}

export default {
  input: 'src/main.ts',
  output: {
    dir: `${GENERATED}/app`,
    format: 'es',
    entryFileNames: 'course.js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: false,
  },
  plugins: [
    courseModel(),
    // 'module' first: @xapi/xapi's "browser" field points at a UMD build without ES exports.
    nodeResolve({ browser: true, exportConditions: ['production'], mainFields: ['module', 'browser', 'main'] }),
    esbuild({ target: 'es2020', tsconfig: 'tsconfig.json' }),
    terser({ format: { comments: false } }),
  ],
};
