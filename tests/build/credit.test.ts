import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compileCourse } from '../../build/compile/course.js';
import { ContentError } from '../../build/compile/problems.js';
import type { Problem } from '../../build/compile/problems.js';
import { writeCourseFiles } from '../fixtures/course-files.js';

/** course.yaml `credit` (the training-board roster's rules): read, defaulted, and checked with file:line. */
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function compileWith(credit: string): { model?: ReturnType<typeof compileCourse>['model']; problems: Problem[]; yaml: string } {
  const dir = writeCourseFiles();
  dirs.push(dir);
  const path = join(dir, 'course.yaml');
  const yaml = readFileSync(path, 'utf8').replace('masteryScore: 0.8\n', `masteryScore: 0.8\n${credit}`);
  writeFileSync(path, yaml);
  try {
    return { model: compileCourse({ courseDir: dir, rootDir: dir }).model, problems: [], yaml };
  } catch (error) {
    assert.ok(error instanceof ContentError, String(error));
    return { problems: [...error.problems], yaml };
  }
}

const lineOf = (yaml: string, text: string) => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('credit rules in course.yaml', () => {
  it('default to the pass mark and no minimum time', () => {
    const { model } = compileWith('');
    assert.deepEqual(model?.credit, { minimumScore: 0.8, minimumMinutes: 0 });
  });

  it('are read when given', () => {
    const { model, problems } = compileWith('credit:\n  minimumScore: 0.9\n  minimumMinutes: 12\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(model?.credit, { minimumScore: 0.9, minimumMinutes: 12 });
  });

  it('reject a minimum score below the pass mark, at its line', () => {
    const { problems, yaml } = compileWith('credit:\n  minimumScore: 0.5\n');
    const p = problems.find((x) => /credit\.minimumScore.*below the pass mark/.test(x.message));
    assert.ok(p, JSON.stringify(problems));
    assert.ok(p.file.endsWith('course.yaml'));
    assert.equal(p.line, lineOf(yaml, 'minimumScore: 0.5'));
  });

  it('reject more minutes than the course takes, a score out of range and unknown keys, each at its line', () => {
    const { problems, yaml } = compileWith('credit:\n  hours: 2\n  minimumScore: 80\n  minimumMinutes: 99\n');
    const minutes = problems.find((x) => /credit\.minimumMinutes.*more than the course's 15 minutes/.test(x.message));
    assert.ok(minutes, JSON.stringify(problems));
    assert.equal(minutes.line, lineOf(yaml, 'minimumMinutes: 99'));
    const score = problems.find((x) => /credit\.minimumScore" is 80, out of range/.test(x.message));
    assert.ok(score, JSON.stringify(problems));
    assert.equal(score.line, lineOf(yaml, 'minimumScore: 80'));
    const key = problems.find((x) => /Unknown key "hours" in credit/.test(x.message));
    assert.ok(key, JSON.stringify(problems));
    assert.equal(key.line, lineOf(yaml, 'hours: 2'));
  });
});
