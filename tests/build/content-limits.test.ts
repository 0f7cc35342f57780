/**
 * Build-time limits (issue #10): hostile or broken course files fail the build with
 * the file, the line where it means something, and a fix — never a stack trace, and
 * never a package that ships the problem.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageSizes } from '../../build/budgets.js';
import { checkAssets } from '../../build/compile/assets.js';
import { compileCourse, ID_LIMITS, RESUME_BUDGET } from '../../build/compile/course.js';
import { ContentError, Problems } from '../../build/compile/problems.js';
import type { Problem } from '../../build/compile/problems.js';
import { CONTENT_LIMITS } from '../../build/compile/sources.js';
import { writeCourseFiles } from '../fixtures/course-files.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Compiles the fixture course after `edit`; returns the problems (none when it compiles). */
function problemsFor(edit: (dir: string) => void): Problem[] {
  const dir = writeCourseFiles();
  dirs.push(dir);
  edit(dir);
  try {
    compileCourse({ courseDir: dir, rootDir: dir });
  } catch (error) {
    assert.ok(error instanceof ContentError, `a content error, not a crash: ${error instanceof Error ? error.stack : String(error)}`);
    return [...error.problems];
  }
  return [];
}

const edit = (name: string, change: (text: string) => string) => (dir: string) => writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8')));
const find = (problems: Problem[], pattern: RegExp) => problems.find((p) => pattern.test(p.message));
const show = (problems: Problem[]) => problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');

describe('SVG assets (every file in course/assets, referenced or not)', () => {
  const svg = (extra: string, prolog = '') => `${prolog}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="t d">
  <title id="t">Icon</title>
  <desc id="d">A square.</desc>
  <rect x="1" y="1" width="8" height="8" fill="#0b4f8a"/>${extra}
</svg>
`;
  /** Writes an SVG that no lesson uses: the whole folder ships, so it must be checked too. */
  const withAsset = (name: string, text: string | Buffer) => (dir: string) => {
    mkdirSync(join(dir, 'assets', 'icons'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'icons', name), text);
  };

  it('accepts a plain, labelled SVG that no lesson references', () => {
    assert.deepEqual(problemsFor(withAsset('ok.svg', svg(''))), []);
  });

  const cases: [string, string, string, RegExp, number][] = [
    ['a <script> element', '\n  <script>alert(document.domain)</script>', '', /<script> is not allowed/, 5],
    ['an on* event handler', '\n  <rect onload="alert(1)" x="1"/>', '', /event-handler attribute "onload"/, 5],
    ['a javascript: URL', '\n  <a href="javascript:alert(1)"><rect x="1"/></a>', '', /<a> is not allowed/, 5],
    ['a javascript: value in an allowed attribute', '\n  <rect fill="javascript:alert(1)" x="1"/>', '', /points outside the diagram/, 5],
    ['a foreignObject', '\n  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>', '', /<foreignObject> is not allowed/, 5],
    ['a remote xlink:href', '\n  <image xlink:href="https://evil.example/x.png"/>', '', /<image> is not allowed/, 5],
    ['a remote href on an allowed element', '\n  <rect href="https://evil.example/x" x="1"/>', '', /link "https:\/\/evil.example\/x" is not allowed/, 5],
    ['an external url() reference', '\n  <rect fill="url(https://evil.example/p#g)" x="1"/>', '', /points outside the diagram/, 5],
    ['a DOCTYPE with an <!ENTITY>', '', '<!DOCTYPE svg [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n', /DOCTYPE with <!ENTITY> declarations is not allowed/, 1],
    ['an xml-stylesheet processing instruction', '', '<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>\n', /"<\?xml-stylesheet/, 1],
    ['an unquoted handler hidden in a malformed tag', '\n  <svg/onload=alert(1)>', '', /not well formed/, 5],
  ];
  for (const [what, extra, prolog, message, line] of cases) {
    it(`fails the build on ${what}, naming the file and line`, () => {
      const problems = problemsFor(withAsset('evil.svg', svg(extra, prolog)));
      const p = find(problems, message);
      assert.ok(p, show(problems));
      assert.equal(p.file, 'assets/icons/evil.svg');
      assert.equal(p.line, line);
      assert.ok(p.fix.length > 10, 'with a fix hint');
    });
  }

  it('rejects files that are not images, and images whose bytes do not match their extension', () => {
    let problems = problemsFor(withAsset('page.html', '<script>alert(1)</script>'));
    assert.ok(find(problems, /"page.html" is not an image type/), show(problems));
    problems = problemsFor(withAsset('photo.png', '<html><script>alert(1)</script></html>'));
    const p = find(problems, /not a PNG image/);
    assert.ok(p && p.file === 'assets/icons/photo.png', show(problems));
    assert.deepEqual(problemsFor(withAsset('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))), []);
  });

  it('passes every asset of the real course', () => {
    const problems = new Problems();
    const bytes = checkAssets({ dir: join(process.cwd(), 'course', 'assets'), file: (p) => p, problems });
    assert.equal(problems.count, 0, problems.format());
    assert.ok(bytes > 0);
  });
});

describe('text encoding', () => {
  const latin1 = (name: string, before: string, after: string) => (dir: string) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const at = text.indexOf(before);
    // "café" saved as Windows-1252/Latin-1: the é is the single byte 0xE9.
    writeFileSync(join(dir, name), Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(after, 'latin1'), Buffer.from(text.slice(at + before.length))]));
  };

  it('fails on invalid UTF-8 in a lesson, with the file and the line', () => {
    const problems = problemsFor(latin1('lessons/02-two.md', 'The team meets.', 'The team meets in the café.'));
    const p = find(problems, /not valid UTF-8/);
    assert.ok(p, show(problems));
    assert.equal(p.file, 'lessons/02-two.md');
    assert.equal(p.line, 16);
    assert.match(p.fix, /UTF-8/);
  });

  it('fails on invalid UTF-8 in a YAML file, with the line', () => {
    const problems = problemsFor(latin1('assessment.yaml', 'Right, because teams decide together.', 'Right, because the café team decides.'));
    const p = find(problems, /not valid UTF-8/);
    assert.ok(p && p.file === 'assessment.yaml' && p.line === 9, show(problems));
  });

  it('accepts UTF-8 text beyond Latin-1 and a byte-order mark', () => {
    assert.deepEqual(problemsFor(edit('lessons/02-two.md', (t) => `\uFEFF${t.replace('The team meets.', 'The team meets — “café”, naïve, 😀.')}`)), []);
  });
});

describe('duplicate ids name both places', () => {
  it('a duplicate outcome id does not build', () => {
    const problems = problemsFor(edit('course.yaml', (t) => t.replace('  - id: types\n    text: Identify the types.\n', '  - id: types\n    text: Identify the types.\n  - id: types\n    text: The same outcome again.\n')));
    const p = find(problems, /outcome id "types" is used twice: here and at course.yaml:18/);
    assert.ok(p, show(problems));
    assert.deepEqual([p.file, p.line], ['course.yaml', 20]);
  });

  it('a bank item reusing a knowledge check id: both files and lines', () => {
    const problems = problemsFor(edit('assessment.yaml', (t) => t.replace('  - id: q-5\n', '  - id: kc-2\n')));
    const p = find(problems, /id "kc-2" is used twice: here and at checks\/01-one.yaml:13/);
    assert.ok(p, show(problems));
    assert.deepEqual([p.file, p.line], ['assessment.yaml', 46]);
  });

  it('two bank items, two lessons and two objectives with one id: each with both lines', () => {
    let problems = problemsFor(edit('assessment.yaml', (t) => t.replace('  - id: q-7\n', '  - id: q-6\n')));
    assert.ok(find(problems, /id "q-6" is used twice: here and at assessment.yaml:57/), show(problems));
    problems = problemsFor(edit('lessons/03-three.md', (t) => t.replace('id: lesson-3', 'id: lesson-1')));
    const lesson = find(problems, /lesson id "lesson-1" is used twice: here and at lessons\/01-one.md:2/);
    assert.ok(lesson && lesson.file === 'lessons/03-three.md' && lesson.line === 2, show(problems));
    problems = problemsFor(edit('lessons/03-three.md', (t) => t.replace('  - id: obj-3', '  - id: obj-1')));
    const objective = find(problems, /objective id "obj-1" is used twice: here and at lessons\/01-one.md:7/);
    assert.ok(objective && objective.file === 'lessons/03-three.md' && objective.line === 7, show(problems));
  });
});

describe('id limits', () => {
  it(`rejects an id over the course limit of ${ID_LIMITS.maxLength} characters`, () => {
    const id = `q-${'x'.repeat(ID_LIMITS.maxLength - 1)}`;
    const problems = problemsFor(edit('assessment.yaml', (t) => t.replace('  - id: q-5\n', `  - id: ${id}\n`)));
    const p = find(problems, new RegExp(`bank item id "q-x+…" is ${ID_LIMITS.maxLength + 1} characters; ids may have at most ${ID_LIMITS.maxLength}`));
    assert.ok(p && p.file === 'assessment.yaml' && p.line === 46, show(problems));
  });

  it('checks ids as written to the LMS (a<attempt>-<id>, check-<id>) against SCORM 1.2 CMIIdentifier (255)', () => {
    const problems = problemsFor((dir) => {
      edit('assessment.yaml', (t) => t.replace('  - id: q-5\n', `  - id: q-${'y'.repeat(251)}\n`))(dir);
      edit('checks/01-one.yaml', (t) => t.replace('  - id: kc-1\n', `  - id: kc-${'z'.repeat(250)}\n`))(dir);
    });
    // 253 characters as an id; "a2-" makes 256 (attempts: 2 in the fixture).
    assert.ok(find(problems, /bank item id is written to the LMS as "a2-q-y+…" \(cmi.interactions.n.id\), 256 characters; SCORM 1.2 allows 255/), show(problems));
    assert.ok(find(problems, /knowledge check id is written to the LMS as "check-kc-z+…" \(cmi.interactions.n.id\), 259 characters/), show(problems));
  });

  it('allows only lowercase letters, digits and hyphens (no spaces, no characters SCORM 1.2 would rewrite)', () => {
    let problems = problemsFor(edit('assessment.yaml', (t) => t.replace('  - id: q-5\n', '  - id: Q 5\n')));
    assert.ok(find(problems, /has an invalid value "Q 5"/), show(problems));
    problems = problemsFor(edit('course.yaml', (t) => t.replace('  - id: types\n', '  - id: types.1\n')));
    assert.ok(find(problems, /outcomes\[0\]\.id" has an invalid value "types.1"/), show(problems));
  });
});

describe('nesting depth', () => {
  it('a 20,000-level YAML nest gives a clear problem at its line, not a stack trace', () => {
    // "- - - … x": 20,000 lists inside each other in 40 KB (the yaml parser overflows its stack on it).
    const problems = problemsFor((dir) => writeFileSync(join(dir, 'resources.yaml'), `resources:\n  - id: x\n  - ${'- '.repeat(20_000)}x\n`));
    const p = find(problems, new RegExp(`nests more than ${CONTENT_LIMITS.maxYamlDepth} levels deep`));
    assert.ok(p, show(problems));
    assert.equal(p.file, 'resources.yaml');
    assert.equal(p.line, 3);
  });

  it('an indented block nest deeper than the limit is reported at the line that passes it', () => {
    const nest = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i + 4)}k${i}:`).join('\n');
    const problems = problemsFor((dir) => writeFileSync(join(dir, 'resources.yaml'), `resources:\n  - id: x\n    description:\n${nest} deep\n`));
    const p = find(problems, /nests more than \d+ levels deep/);
    assert.ok(p && p.file === 'resources.yaml' && p.line === 3 + CONTENT_LIMITS.maxYamlDepth - 1, show(problems));
  });

  it('a deep flow nest ([[[…]]]) in lesson front matter is reported at its line', () => {
    const problems = problemsFor(edit('lessons/01-one.md', (t) => t.replace('outcomes: [types]', `outcomes: ${'['.repeat(20000)}types${']'.repeat(20000)}`)));
    const p = find(problems, /nests more than \d+ levels deep/);
    assert.ok(p && p.file === 'lessons/01-one.md' && p.line === 5, show(problems));
  });

  it('deeply nested Markdown (quotes inside quotes) is reported at its line', () => {
    const problems = problemsFor(edit('lessons/02-two.md', (t) => t.replace('The team meets.', `${'>'.repeat(50)} The team meets.`)));
    const p = find(problems, new RegExp(`Markdown nests more than ${CONTENT_LIMITS.maxMarkdownDepth} levels`));
    assert.ok(p && p.file === 'lessons/02-two.md' && p.line === 16, show(problems));
  });
});

describe('oversized content', () => {
  it('a 5 MB lesson fails with its size and the limit, and is not parsed', () => {
    const problems = problemsFor(edit('lessons/02-two.md', (t) => t.replace('The team meets.', 'The team meets. They plan.\n\n'.repeat(187_000))));
    const p = find(problems, /The file is 5\.0 MB; one course file may be at most 256 KB/);
    assert.ok(p && p.file === 'lessons/02-two.md', show(problems));
  });

  it('files each under the limit that together make the course text too big for the package fail with the figures', () => {
    const bulk = 'The team meets. They plan.\n\n'.repeat(8_000); // 224 KB per file
    const problems = problemsFor((dir) => {
      for (const name of ['lessons/01-one.md', 'lessons/02-two.md', 'lessons/03-three.md']) edit(name, (t) => t.replace('The team meets.', bulk))(dir);
      edit('workbook.yaml', (t) => t.replace('intro: Meet as a team.', `intro: |\n${bulk.replace(/^/gm, '  ')}`))(dir);
    });
    assert.ok(!find(problems, /one course file may be at most/), show(problems));
    const p = find(problems, /The compiled course is 1\.\d MB, over the 1\.0 MB of text a package may carry/);
    assert.ok(p, show(problems));
  });

  it('measures written packages without media (the post-build budget check)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'slep-dist-'));
    dirs.push(dist);
    mkdirSync(join(dist, 'scorm12', 'app'), { recursive: true });
    mkdirSync(join(dist, 'scorm12', 'assets'), { recursive: true });
    writeFileSync(join(dist, 'scorm12', 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'scorm12', 'app', 'big.js'), Buffer.alloc(CONTENT_LIMITS.maxPackageBytes));
    writeFileSync(join(dist, 'scorm12', 'assets', 'photo.png'), Buffer.alloc(3_000_000));
    writeFileSync(join(dist, 'fixture.zip'), 'zip');
    const [pkg, ...rest] = packageSizes(dist);
    assert.equal(rest.length, 0);
    assert.equal(pkg?.kind, 'scorm12');
    assert.equal(pkg?.bytes, CONTENT_LIMITS.maxPackageBytes + 15, 'media excluded');
    assert.ok((pkg?.bytes ?? 0) > CONTENT_LIMITS.maxPackageBytes);
    assert.equal(pkg?.largest[0]?.file, 'app/big.js');
  });
});

describe('resume budget (worst-case suspend_data, computed at build time)', () => {
  /** `count` knowledge checks in checks/02-two.yaml, all placed in lesson 2 (one big lesson). */
  const manyChecks = (count: number) => (dir: string) => {
    const items = Array.from({ length: count }, (_, i) => {
      const n = i + 1;
      return `  - id: lesson-two-check-number-${n}
    outcome: types
    type: ${n % 2 ? 'single' : 'multiple'}
    stem: Which step fits case alpha${n} beta${n}?
    choices:
      - text: Step gamma${n}.
        correct: true
        feedback: Right, gamma${n}.
      - text: Step delta${n}.
        ${n % 2 ? '' : 'correct: true\n        '}feedback: ${n % 2 ? 'Not quite' : 'Right'}, delta${n}.
      - text: Step omega${n}.
        feedback: Not quite, omega${n}.
    source: Test source, 2020
`;
    });
    writeFileSync(join(dir, 'checks', '02-two.yaml'), `items:\n${items.join('')}`);
    edit('lessons/02-two.md', (t) => t.replace(':::check kc-2\n:::', Array.from({ length: count }, (_, i) => `:::check lesson-two-check-number-${i + 1}\n:::`).join('\n\n').concat('\n\n:::check kc-2\n:::')))(dir);
  };

  it('a course whose checks fit builds and reports the figure', () => {
    const dir = writeCourseFiles();
    dirs.push(dir);
    manyChecks(20)(dir);
    const { report } = compileCourse({ courseDir: dir, rootDir: dir });
    assert.equal(report.resume.budget, RESUME_BUDGET);
    assert.ok(report.resume.worst > 20 * 'lesson-two-check-number-1'.length && report.resume.worst <= RESUME_BUDGET, String(report.resume.worst));
  });

  it('a lesson with so many checks that a learner who answers them all could not be resumed fails the build, with figures', () => {
    const problems = problemsFor(manyChecks(150));
    const p = find(problems, /worst-case resume data is \d+ characters, over SCORM 1.2's 4096 \(cmi.suspend_data\): knowledge checks take \d+ \(153 checks; this file has 150\)/);
    assert.ok(p, show(problems));
    assert.equal(p.file, 'checks/02-two.yaml');
    assert.match(p.fix, /Cut \d+ or more knowledge checks/);
  });
});
