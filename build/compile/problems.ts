/** A content problem: where it is and what the author should do about it. */
export interface Problem {
  /** Path relative to the repository root, e.g. `course/lessons/03-mou.md`. */
  readonly file: string;
  /** 1-based line; 0 when the problem is about the file as a whole. */
  readonly line: number;
  readonly message: string;
  readonly fix: string;
}

/** Collects every problem so the build can report them all at once. */
export class Problems {
  readonly list: Problem[] = [];

  /** Adds a problem; the same problem found twice (e.g. a diagram checked as an asset and as a lesson block) is listed once. */
  add(problem: Problem): void {
    if (this.list.some((p) => p.file === problem.file && p.line === problem.line && p.message === problem.message)) return;
    this.list.push(problem);
  }

  get count(): number {
    return this.list.length;
  }

  /** `file:line: message` then an indented `fix:` line, sorted by file and line. */
  format(): string {
    return [...this.list]
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
      .map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n    fix: ${p.fix}`)
      .join('\n');
  }
}

/** Thrown by the build when the course has content problems. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: Problems) {
    super(`The course has ${problems.count} problem${problems.count === 1 ? '' : 's'}:\n${problems.format()}`);
    this.name = 'ContentError';
    this.problems = problems.list;
  }
}
