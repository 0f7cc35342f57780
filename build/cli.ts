/**
 * `npm run build`: compile course/ → bundle → write and validate packages → zip.
 * `--check` stops after compiling the course (fast feedback for authors).
 */
import { resolve } from 'node:path';
import { compileCourse } from './compile/course.js';
import type { CompileReport } from './compile/course.js';
import { ContentError } from './compile/problems.js';

const root = resolve(import.meta.dirname, '..');

function printReport(report: CompileReport): void {
  console.log('Reading level (Flesch-Kincaid grade, limit 11):');
  for (const r of report.readingGrade) console.log(`  ${r.lesson.padEnd(24)} grade ${r.grade.toFixed(1).padStart(4)}  ${r.words} words`);
  console.log('Question bank items per outcome (minimum 12):');
  for (const o of report.itemsPerOutcome) console.log(`  ${o.outcome.padEnd(24)} ${o.count}`);
}

async function main(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  const courseDir = resolve(root, process.env.COURSE_DIR ?? 'course');
  const started = Date.now();
  const { model, report } = compileCourse({ courseDir, rootDir: root });
  printReport(report);
  if (checkOnly) {
    console.log(`Course OK: ${model.lessons.length} lessons, ${model.checks.length} knowledge checks, ${model.bank.length} bank items.`);
    return;
  }
  const { buildPackages } = await import('./packages.js');
  const written = await buildPackages({ root, model, courseDir, outDir: resolve(root, process.env.DIST_DIR ?? 'dist') });
  for (const file of written) console.log(`  wrote ${file}`);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  if (error instanceof ContentError) {
    console.error(error.message);
    console.error('\nNo package was written. Fix the problems above and build again.');
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
