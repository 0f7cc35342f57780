/**
 * `npm run build`: compile course/ → bundle → write and validate packages → zip.
 * `--check` stops after compiling the course (fast feedback for authors).
 */
import { resolve } from 'node:path';
import { compileCourse, CONTENT_RULES } from './compile/course.js';
import type { CompileReport } from './compile/course.js';
import { ContentError, Problems } from './compile/problems.js';
import { applyDistrict, compileDistrict } from './compile/district.js';
import type { CompiledDistrict } from './compile/district.js';
import { QUALITY_LIMITS } from './compile/quality.js';
import { CONTENT_LIMITS, formatBytes } from './compile/sources.js';
import { packageSizes } from './budgets.js';

const root = resolve(import.meta.dirname, '..');

function printReport(report: CompileReport): void {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  console.log('Reading level (Flesch-Kincaid grade, limit 11):');
  for (const r of report.readingGrade) console.log(`  ${r.lesson.padEnd(24)} grade ${r.grade.toFixed(1).padStart(4)}  ${r.words} words`);
  console.log(`Assessment blueprint (objective × items available × items drawn per attempt; minimum ${CONTENT_RULES.minItemsPerObjective} available):`);
  console.log(`  ${'objective'.padEnd(26)} ${'lesson'.padEnd(22)} ${'outcome'.padEnd(8)} available drawn`);
  for (const b of report.blueprint) console.log(`  ${b.objective.padEnd(26)} ${b.lesson.padEnd(22)} ${b.outcome.padEnd(8)} ${String(b.available).padStart(9)} ${String(b.drawn).padStart(5)}`);
  console.log(`Bank items per outcome (minimum ${CONTENT_RULES.minItemsPerOutcome}) and drawn per attempt:`);
  for (const o of report.itemsPerOutcome) console.log(`  ${o.outcome.padEnd(24)} ${String(o.count).padStart(3)} in bank, ${o.drawn} drawn`);
  const q = report.quality;
  console.log('Item quality (limits enforced):');
  console.log(`  key is the longest option    ${q.keyLongest.count} of ${q.keyLongest.total} single-choice items (${pct(q.keyLongest.rate)}, limit ${pct(q.keyLongest.limit)})`);
  for (const t of q.trueFalse) console.log(`  true/false keys (${t.set})`.padEnd(31) + `${t.keyedTrue} true, ${t.keyedFalse} false (at most ${t.allowed} apart)`);
  console.log(`  absolute words               wrong options ${pct(q.absolutes.distractors.rate)} (${q.absolutes.distractors.count}/${q.absolutes.distractors.total}, limit ${pct(q.absolutes.limit)}), keys ${pct(q.absolutes.keys.rate)} (${q.absolutes.keys.count}/${q.absolutes.keys.total}), gap limit ${pct(q.absolutes.gapLimit)}`);
  const h = q.highestSimilarity;
  console.log(`  near-duplicates              ${q.similar.length} pair(s) over ${QUALITY_LIMITS.maxSimilarity}${h ? `; most similar ${h.a} / ${h.b} at ${h.similarity}` : ''}`);
  console.log(`Minutes: lessons ${report.minutes.lessons} + assessment ${report.minutes.assessment} = ${report.minutes.total}`);
  console.log(`Resume data, worst case: ${report.resume.worst} of ${report.resume.budget} characters (SCORM 1.2 cmi.suspend_data)`);
  console.log(`Course text: ${formatBytes(report.size.model)} of ${formatBytes(report.size.modelLimit)}; assets ${formatBytes(report.size.assets)}`);
}

/** `--name value` or `--name=value` from the command line. */
function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  const courseDir = resolve(root, process.env.COURSE_DIR ?? 'course');
  const started = Date.now();
  const compiled = compileCourse({ courseDir, rootDir: root });
  let model = compiled.model;
  printReport(compiled.report);
  // A district's customization (docs/customizing.md): --district <file>, or SLEP_DISTRICT.
  const districtFile = argValue('--district') ?? process.env.SLEP_DISTRICT;
  let district: CompiledDistrict | undefined;
  if (districtFile) {
    const problems = new Problems();
    district = compileDistrict({ file: districtFile, rootDir: root, courseDir, problems });
    if (problems.count) throw new ContentError(problems);
    model = applyDistrict(model, district);
    console.log(`District: ${district.district.name} (${districtFile}): ${district.district.contacts.length} contacts, ${district.resources.length} local resources${district.logo ? ', logo' : ''}${district.css ? ', colours checked' : ''}`);
  }
  if (checkOnly) {
    console.log(`Course OK: ${model.lessons.length} lessons, ${model.checks.length} knowledge checks, ${model.bank.length} bank items.`);
    return;
  }
  const { buildPackages } = await import('./packages.js');
  const written = await buildPackages({ root, model, courseDir, outDir: resolve(root, process.env.DIST_DIR ?? 'dist'), district });
  for (const file of written) console.log(`  wrote ${file}`);
  // Each package, unzipped and without media, must fit the budget (README "Performance").
  const over = packageSizes(resolve(root, process.env.DIST_DIR ?? 'dist')).filter((p) => p.bytes > CONTENT_LIMITS.maxPackageBytes);
  for (const p of over) {
    console.error(`dist/${p.kind}: the package is ${formatBytes(p.bytes)} without media, over the ${formatBytes(CONTENT_LIMITS.maxPackageBytes)} budget (largest: ${p.largest.map((f) => `${f.file} ${formatBytes(f.bytes)}`).join(', ')}).`);
    console.error('    fix: shorten the course text or split large lessons; the packages in dist/ are not fit to upload.');
  }
  if (over.length) process.exit(1);
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
