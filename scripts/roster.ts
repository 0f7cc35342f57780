#!/usr/bin/env node
// `npm run roster`: the training-board completion roster from an LRS (docs/training-boards.md).
import { loadRosterCourse } from './roster/course.js';
import { runRoster } from './roster/run.js';

const code = await runRoster(process.argv.slice(2), () => loadRosterCourse(), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY,
});
process.exitCode = code;
