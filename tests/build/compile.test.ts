import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compileCourse } from '../../build/compile/course.js';
import { ContentError } from '../../build/compile/problems.js';
import type { Problem } from '../../build/compile/problems.js';
import { writeCourseFiles } from '../fixtures/course-files.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function problemsFor(overrides: Record<string, string>, edit?: (dir: string) => void): Problem[] {
  const dir = writeCourseFiles(overrides);
  dirs.push(dir);
  edit?.(dir);
  try {
    compileCourse({ courseDir: dir, rootDir: dir });
  } catch (error) {
    assert.ok(error instanceof ContentError, String(error));
    return [...error.problems];
  }
  return [];
}

const editFile = (name: string, change: (text: string) => string) => (dir: string) => writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8')));
const find = (problems: Problem[], pattern: RegExp) => problems.find((p) => pattern.test(p.message));

describe('course compiler', () => {
  it('compiles a valid course into the model, with lessons in course.yaml order', () => {
    const dir = writeCourseFiles();
    dirs.push(dir);
    const { model, report } = compileCourse({ courseDir: dir, rootDir: dir });
    assert.deepEqual(model.lessons.map((l) => l.id), ['lesson-1', 'lesson-2', 'lesson-3']);
    assert.equal(model.slug, 'fixture-course');
    assert.equal(model.bank.length, 12);
    assert.equal(report.itemsPerOutcome[0]?.count, 12);
    const prose = model.lessons[0]?.blocks.find((b) => b.kind === 'prose');
    assert.ok(prose && 'html' in prose);
    assert.match(prose.html, /<h2>Section<\/h2>/);
    assert.match(prose.html, /target="_blank" rel="noopener noreferrer">the guide<span class="visually-hidden"> \(opens in a new tab\)<\/span><\/a>/);
    assert.ok(report.readingGrade.every((r) => r.grade <= 11));
  });

  it('reads the SCORM 1.2 status style, defaulting to passed-failed, and rejects other values at their line', () => {
    const dir = writeCourseFiles();
    dirs.push(dir);
    assert.equal(compileCourse({ courseDir: dir, rootDir: dir }).model.completion.scorm12Status, 'passed-failed');
    editFile('course.yaml', (t) => t.replace('  requireAssessment: true', '  requireAssessment: true\n  scorm12Status: completed'))(dir);
    assert.equal(compileCourse({ courseDir: dir, rootDir: dir }).model.completion.scorm12Status, 'completed');
    const problems = problemsFor({}, editFile('course.yaml', (t) => t.replace('  requireAssessment: true', '  requireAssessment: true\n  scorm12Status: complete')));
    const problem = find(problems, /scorm12Status/);
    assert.ok(problem, JSON.stringify(problems));
    assert.match(problem.fix, /passed-failed/);
    assert.ok(problem.file.endsWith('course.yaml') && problem.line > 1, `${problem.file}:${problem.line}`);
  });

  it('reads the cmi5 moveOn, defaulting to CompletedAndPassed, and rejects other values at their line', () => {
    const dir = writeCourseFiles();
    dirs.push(dir);
    assert.equal(compileCourse({ courseDir: dir, rootDir: dir }).model.completion.cmi5MoveOn, 'CompletedAndPassed');
    editFile('course.yaml', (t) => t.replace('  requireAssessment: true', '  requireAssessment: true\n  cmi5MoveOn: CompletedOrPassed'))(dir);
    assert.equal(compileCourse({ courseDir: dir, rootDir: dir }).model.completion.cmi5MoveOn, 'CompletedOrPassed');
    const problems = problemsFor({}, editFile('course.yaml', (t) => t.replace('  requireAssessment: true', '  requireAssessment: true\n  cmi5MoveOn: Done')));
    const problem = find(problems, /cmi5MoveOn/);
    assert.ok(problem, JSON.stringify(problems));
    assert.match(problem.fix, /CompletedAndPassed/);
    assert.ok(problem.file.endsWith('course.yaml') && problem.line > 1, `${problem.file}:${problem.line}`);
  });

  it('rejects a <script> in a lesson with its file and line', () => {
    const problems = problemsFor({}, editFile('lessons/02-two.md', (t) => t.replace('The team meets.', 'The team meets.\n\n<script>alert(1)</script>')));
    const p = find(problems, /<script>/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'lessons/02-two.md');
    assert.equal(p.line, 14);
  });

  it('rejects on…= attributes and javascript: links', () => {
    const problems = problemsFor({}, editFile('lessons/01-one.md', (t) => t.replace('The team meets.', 'Look <abbr title="x" onclick="evil()">MOU</abbr> and [click](javascript:alert(1)).')));
    assert.ok(find(problems, /event-handler attribute/), JSON.stringify(problems));
    assert.ok(find(problems, /javascript:/));
    assert.ok(problems.every((p) => p.file === 'lessons/01-one.md' && p.line === 12));
  });

  it('rejects links that are not https', () => {
    const problems = problemsFor({}, editFile('lessons/01-one.md', (t) => t.replace('https://example.org/guide', 'http://example.org/guide')));
    assert.ok(find(problems, /not an https/));
  });

  it('rejects an image without alt text, naming file and line', () => {
    const problems = problemsFor({}, (dir) => {
      writeFileSync(join(dir, 'assets-placeholder'), '');
      editFile('lessons/03-three.md', (t) => t.replace('## Section', '## Section\n\n![](assets/missing.png)'))(dir);
    });
    const p = find(problems, /no alt text/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'lessons/03-three.md');
    assert.equal(p.line, 12);
    assert.ok(find(problems, /does not exist/), 'the missing image is reported too');
  });

  it('fails when an outcome has 11 bank items', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.split('  - id: q-12')[0] ?? t));
    const p = find(problems, /"types" has 11 bank items; at least 12/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'assessment.yaml');
  });

  it('fails on an item with no source, at the item line', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace('  - id: q-3\n', '  - id: q-3\n').replace(/(  - id: q-3[\s\S]*?)    source: Test source, 2020\n/, '$1')));
    const p = find(problems, /Missing "items\[2\]\.source"/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'assessment.yaml');
    assert.equal(p.line, 24);
  });

  it('fails on a choice without feedback and a single-choice item with two correct answers', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace('        feedback: Not quite, because the team must agree.\n', '        correct: true\n')));
    assert.ok(find(problems, /has no feedback/));
    assert.ok(find(problems, /has 2 correct choices/));
  });

  it('fails on duplicate ids, unknown references and a lesson missing its takeaway', () => {
    const problems = problemsFor({}, (dir) => {
      editFile('lessons/02-two.md', (t) => t.replace('id: lesson-2', 'id: lesson-1').replace(':::takeaway\nWork together.\n:::\n', '').replace(':::check kc-2', ':::check kc-nope'))(dir);
    });
    assert.ok(find(problems, /lesson id "lesson-1" is used twice/), JSON.stringify(problems));
    assert.ok(find(problems, /":::check kc-nope" names no knowledge check/));
    assert.ok(find(problems, /no ":::takeaway" block/));
  });

  it('reports YAML syntax errors with their line and keeps going to list every problem', () => {
    const problems = problemsFor({ 'resources.yaml': 'resources:\n  - id: x\n    title: [unclosed\n' }, editFile('course.yaml', (t) => t.replace('masteryScore: 0.8', 'masteryScore: 80')));
    assert.ok(find(problems, /YAML syntax error/));
    const mastery = find(problems, /masteryScore/);
    assert.ok(mastery);
    assert.equal(mastery.line, 10);
  });

  it('flags unknown keys such as a misspelt "feedbak"', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace('feedback: Right, because', 'feedbak: Right, because')));
    assert.ok(find(problems, /Unknown key "feedbak"/));
  });
});
