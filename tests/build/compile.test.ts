import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    assert.equal(p.line, 18);
  });

  it('rejects on…= attributes and javascript: links', () => {
    const problems = problemsFor({}, editFile('lessons/01-one.md', (t) => t.replace('The team meets.', 'Look <abbr title="x" onclick="evil()">MOU</abbr> and [click](javascript:alert(1)).')));
    assert.ok(find(problems, /event-handler attribute/), JSON.stringify(problems));
    assert.ok(find(problems, /javascript:/));
    assert.ok(problems.every((p) => p.file === 'lessons/01-one.md' && p.line === 16));
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
    assert.equal(p.line, 16);
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
    assert.equal(mastery.line, 14);
  });

  it('flags unknown keys such as a misspelt "feedbak"', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace('feedback: Right, because', 'feedbak: Right, because')));
    assert.ok(find(problems, /Unknown key "feedbak"/));
  });

  it('renders a table as a labelled, focusable region whose cells carry their column header, with no inline style', () => {
    const dir = writeCourseFiles();
    dirs.push(dir);
    editFile('lessons/01-one.md', (t) => t.replace('The team meets.', '## Compare the roles\n\n| Role | Sworn? |\n| :-- | --: |\n| SRO | Yes |\n\nThe team meets.'))(dir);
    const { model } = compileCourse({ courseDir: dir, rootDir: dir });
    const html = model.lessons[0]?.blocks.map((b) => ('html' in b ? b.html : '')).join('') ?? '';
    assert.match(html, /<div class="table-wrap" role="region" tabindex="0" aria-label="Table: Compare the roles">/);
    assert.match(html, /<td [^>]*data-label="Role"[^>]*>SRO<\/td>/);
    assert.match(html, /<td [^>]*data-label="Sworn\?"[^>]*class="align-right"|<td [^>]*class="align-right"[^>]*data-label="Sworn\?"/);
    assert.match(html, /<table role="table">/);
    assert.doesNotMatch(html, /style=/, 'the package CSP blocks inline styles');
  });

  describe('diagrams', () => {
    const good = (extra = '') => `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" role="img" aria-labelledby="title desc">
  <title id="title">Two steps</title>
  <desc id="desc">Step one leads to step two.</desc>
  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5"><path d="M0 0L10 5L0 10z" fill="#4a5560"/></marker></defs>
  <rect x="0" y="0" width="40" height="20" fill="#e6eef7"/>
  <line x1="40" y1="10" x2="60" y2="10" stroke="#4a5560" marker-end="url(#arrow)"/>${extra}
  <text x="5" y="15" font-size="12">One &amp; two</text>
</svg>
`;
    const withDiagram = (svg: string, directive = ':::diagram steps\nA caption.\n:::') => (dir: string) => {
      mkdirSync(join(dir, 'assets', 'diagrams'), { recursive: true });
      writeFileSync(join(dir, 'assets', 'diagrams', 'steps.svg'), svg);
      editFile('lessons/01-one.md', (t) => t.replace(':::scenario A day at school', `${directive}\n\n:::scenario A day at school`))(dir);
    };

    it('inlines a diagram as role="img" labelled by its own title and desc, with prefixed ids and its caption', () => {
      const dir = writeCourseFiles();
      dirs.push(dir);
      withDiagram(good())(dir);
      const { model } = compileCourse({ courseDir: dir, rootDir: dir });
      const block = model.lessons[0]?.blocks.find((b) => b.kind === 'diagram');
      assert.ok(block && block.kind === 'diagram');
      assert.match(block.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 100 50" role="img" aria-labelledby="dg-steps-title dg-steps-desc">/);
      assert.match(block.svg, /<title id="dg-steps-title">Two steps<\/title>/);
      assert.match(block.svg, /marker-end="url\(#dg-steps-arrow\)"/);
      assert.match(block.svg, /One &amp; two/);
      assert.doesNotMatch(block.svg, /<\?xml|width="100"/);
      assert.equal(block.description, 'Step one leads to step two.');
      assert.match(block.captionHtml, /A caption\./);
    });

    const cases: [string, string, RegExp][] = [
      ['a script', '\n  <script>alert(1)</script>', /<script> is not allowed/],
      ['an event handler', '\n  <rect onclick="alert(1)" x="1"/>', /event-handler attribute "onclick"/],
      ['a foreignObject', '\n  <foreignObject><p>hi</p></foreignObject>', /<foreignObject> is not allowed/],
      ['an external href', '\n  <use href="https://example.org/x.svg#a"/>', /<use> is not allowed|link "https:/],
      ['an inline style', '\n  <rect style="fill:red" x="1"/>', /style="…" attribute is not allowed/],
      ['an external url()', '\n  <rect fill="url(https://example.org/p)" x="1"/>', /points outside the diagram/],
    ];
    for (const [what, extra, message] of cases) {
      it(`fails the build on ${what}, naming the SVG file and line`, () => {
        const problems = problemsFor({}, withDiagram(good(extra)));
        const p = find(problems, message);
        assert.ok(p, JSON.stringify(problems));
        assert.equal(p.file, 'assets/diagrams/steps.svg');
        assert.equal(p.line, 8);
      });
    }

    it('fails on a diagram without a text alternative, and on a missing diagram file at the lesson line', () => {
      const noDesc = good().replace('<desc id="desc">Step one leads to step two.</desc>', '');
      let problems = problemsFor({}, withDiagram(noDesc));
      assert.ok(find(problems, /no text alternative/), JSON.stringify(problems));
      problems = problemsFor({}, withDiagram(good(), ':::diagram nope\n:::'));
      const missing = find(problems, /diagram "nope" does not exist/);
      assert.ok(missing && missing.file === 'lessons/01-one.md' && missing.line > 1, JSON.stringify(problems));
    });

    it('accepts every diagram of the real course', () => {
      const { model } = compileCourse({ courseDir: join(process.cwd(), 'course') });
      const names = model.lessons.flatMap((l) => l.blocks.flatMap((b) => (b.kind === 'diagram' ? [b.name] : [])));
      assert.deepEqual([...names].sort(), ['exercise-types', 'ferpa-flow', 'mou-parts', 'partnership-models', 'secure-steps', 'sro-triad']);
    });
  });
});

/** The fixture's bank item `q-n`, for edits. */
const bankItem = (n: number) => (text: string) => text.split(/(?=  - id: )/).find((b) => b.startsWith(`  - id: q-${n}\n`)) ?? '';

describe('assessment blueprint (build)', () => {
  it('reports each objective with its items available and drawn, and the minutes adding up', () => {
    const dir = writeCourseFiles();
    dirs.push(dir);
    const { model, report } = compileCourse({ courseDir: dir, rootDir: dir });
    assert.deepEqual(report.blueprint.map((b) => [b.objective, b.lesson, b.available, b.drawn]), [['obj-1', 'lesson-1', 4, 1], ['obj-2', 'lesson-2', 4, 1], ['obj-3', 'lesson-3', 4, 1]]);
    assert.deepEqual(model.objectives.map((o) => o.id), ['obj-1', 'obj-2', 'obj-3']);
    assert.equal(model.assessment.itemsPerAttempt, 3);
    assert.ok(model.bank.every((i) => i.outcome === 'types' && i.objective?.startsWith('obj-')), 'the outcome follows from the objective');
    assert.deepEqual(report.minutes, { lessons: 12, assessment: 3, total: 15 });
  });

  it('fails when an objective has fewer than 3 bank items, at the objective\'s line in the lesson', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace(/objective: obj-2/g, 'objective: obj-1').replace('  - id: q-2\n    objective: obj-1', '  - id: q-2\n    objective: obj-2')));
    const p = find(problems, /objective "obj-2" has 1 bank item/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'lessons/02-two.md');
    assert.equal(p.line, 7);
    assert.match(p.fix, /Write 2 more item\(s\) with "objective: obj-2"/);
  });

  it('fails when an objective draws more items per attempt than the bank holds', () => {
    const problems = problemsFor({}, editFile('lessons/03-three.md', (t) => t.replace('    outcome: types\n', '    outcome: types\n    draw: 5\n')));
    assert.ok(find(problems, /objective "obj-3" has 4 bank item\(s\); it needs at least 5 \(5 drawn per attempt/), JSON.stringify(problems));
  });

  it('fails when an outcome has fewer than 12 bank items', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.split(/(?=  - id: )/).slice(0, 11).join('')));
    assert.ok(find(problems, /outcome "types" has 10 bank items; at least 12/), JSON.stringify(problems));
  });

  it('fails when a bank item names no objective or an unknown one, at the item\'s line', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace('  - id: q-1\n    objective: obj-1', '  - id: q-1\n    outcome: types').replace('  - id: q-2\n    objective: obj-2', '  - id: q-2\n    objective: obj-9')));
    const none = find(problems, /Bank item "q-1" names no objective/);
    assert.ok(none, JSON.stringify(problems));
    assert.equal(none.line, 2);
    assert.ok(find(problems, /unknown objective "obj-9"/));
  });

  it('fails when a lesson has no objectives, or an objective lacks its condition or standard', () => {
    const problems = problemsFor({}, editFile('lessons/02-two.md', (t) => t.replace(/objectives:[\s\S]*?\n---/, 'objectives: []\n---')));
    assert.ok(find(problems, /lesson has no objectives/), JSON.stringify(problems));
    const partial = problemsFor({}, editFile('lessons/01-one.md', (t) => t.replace('    standard: Correctly.\n', '')));
    assert.ok(find(partial, /Missing "objectives\[0\].standard"/), JSON.stringify(partial));
  });

  it('fails when the lessons and the assessment do not add up to the course minutes, at the minutes line', () => {
    const problems = problemsFor({}, editFile('course.yaml', (t) => t.replace('minutes: 15', 'minutes: 20')));
    const p = find(problems, /says 20 minutes, but the lessons \(12\) and the assessment \(3\) add up to 15/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'course.yaml');
    assert.ok(p.line > 1);
  });
});

describe('item-quality limits (build)', () => {
  it('fails when the key is the longest option in too many single-choice items, naming each item', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace(/Let one side decide it alone later\./g, 'No.')));
    const hits = problems.filter((p) => /is its longest option/.test(p.message));
    assert.equal(hits.length, 12, JSON.stringify(problems));
    assert.match(hits[0]?.message ?? '', /100% of single-choice bank items.*limit 30%/);
    assert.ok(hits.every((p) => p.file === 'assessment.yaml' && p.line > 0));
  });

  it('passes when the key is the longest option in few items', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace(bankItem(1)(t), bankItem(1)(t).replace('Let one side decide it alone later.', 'No.'))));
    assert.deepEqual(problems, []);
  });

  it('fails when true/false items are keyed mostly one way', () => {
    const tf = (n: number, answer: boolean) => `  - id: tf-${n}\n    objective: obj-1\n    type: true-false\n    stem: True or false? Statement ${['alpha', 'bravo', 'charlie', 'delta'][n]} about the ${['moon', 'river', 'forest', 'desert'][n]}.\n    answer: ${answer}\n    feedback:\n      "true": Because.\n      "false": Because.\n    source: Test source\n`;
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t + tf(0, false) + tf(1, false) + tf(2, false) + tf(3, true)));
    assert.ok(find(problems, /True\/false bank items are keyed 1 true and 3 false/), JSON.stringify(problems));
    const balanced = problemsFor({}, editFile('assessment.yaml', (t) => t + tf(0, false) + tf(1, false) + tf(2, true) + tf(3, true)));
    assert.deepEqual(balanced, []);
  });

  it('fails when wrong options carry absolute words that keys do not', () => {
    const problems = problemsFor({}, editFile('assessment.yaml', (t) => t.replace(/Let one side decide it alone later\./g, 'Let one side always decide it later.')));
    const p = find(problems, /uses an absolute word \("always"\)/);
    assert.ok(p, JSON.stringify(problems));
    assert.match(p.message, /80% of wrong options do, against 0% of keys/); // 12 of the 15 wrong options (bank and checks)
  });

  it('fails when a knowledge check is a near-copy of a bank item', () => {
    const problems = problemsFor({}, editFile('checks/01-one.yaml', (t) => `items:\n${bankItem(5)(readFileSync(join(dirs[dirs.length - 1] ?? '', 'assessment.yaml'), 'utf8')).replace('q-5', 'kc-9')}${t.replace('items:\n', '')}`));
    const p = find(problems, /knowledge check "kc-9" is a near-copy of the bank item "q-5"/);
    assert.ok(p, JSON.stringify(problems));
    assert.equal(p.file, 'checks/01-one.yaml');
  });
});

