import type { CourseModel } from '../../model/course.js';

/** The team's workbook entries: a note per discussion question, a tick and a note per MOU checklist entry. */
export interface WorkbookNotes {
  /** By workbook question id. */
  readonly questions: Readonly<Record<string, string>>;
  /** By checklist entry index (`0`, `1`, …). */
  readonly checklist: Readonly<Record<string, { readonly done: boolean; readonly note: string }>>;
}

export const EMPTY_NOTES: WorkbookNotes = { questions: {}, checklist: {} };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Team notes keep their line breaks. */
function paragraphs(text: string): string {
  return text.trim() ? `<div class="notes">${escape(text.trim()).replace(/\n/g, '<br>')}</div>` : '<div class="notes empty">(no notes yet)</div>';
}

/**
 * The workbook with the team's notes as a standalone HTML document to download and
 * bring to a meeting. No script; the course's own HTML was sanitised at build time,
 * and the team's text is escaped.
 */
export function workbookDocument(options: { course: CourseModel; notes: WorkbookNotes; date: Date }): string {
  const { course, notes, date } = options;
  const { workbook } = course;
  const lessons = course.lessons
    .map((lesson) => {
      const questions = workbook.questions.filter((q) => q.lesson === lesson.id);
      if (!questions.length) return '';
      return `<h2>${escape(lesson.title)}</h2>\n${questions
        .map((q) => `<section><h3>${q.questionHtml}</h3><ul>${q.prompts.map((p) => `<li>${escape(p)}</li>`).join('')}</ul><h4>Our notes</h4>${paragraphs(notes.questions[q.id] ?? '')}</section>`)
        .join('\n')}`;
    })
    .join('\n');
  const checklist = workbook.checklist.items
    .map((entry, i) => {
      const mine = notes.checklist[String(i)];
      return `<li><span class="box">${mine?.done ? '[x]' : '[ ]'}</span> ${entry.html} <span class="muted">(${entry.sourceHtml})</span>${mine?.note.trim() ? `<div class="notes">${escape(mine.note.trim())}</div>` : ''}</li>`;
    })
    .join('\n');
  const district = course.district;
  const contacts = district?.contacts.length
    ? `<h2>Your local contacts at ${escape(district.name)}</h2>\n<ul>${district.contacts
        .map((c) => `<li><strong>${escape(c.role)}:</strong> ${escape(c.name)}${c.title ? `, ${escape(c.title)}` : ''}${c.email ? `, ${escape(c.email)}` : ''}${c.phone ? `, ${escape(c.phone)}` : ''}</li>`)
        .join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="${escape(course.language)}">
<head>
<meta charset="utf-8">
<title>${escape(course.title)}: companion workbook</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
.notes { border-left: 4px solid #0b4f8a; padding: 0.25rem 0.75rem; white-space: normal; margin: 0.25rem 0 1rem; }
.empty, .muted { color: #4a5560; }
ul.checklist { list-style: none; padding: 0; }
.box { font-family: monospace; }
</style>
</head>
<body>
${district ? `<p class="muted">${escape(district.name)}</p>\n` : ''}<h1>${escape(course.title)}: companion workbook</h1>
<p class="muted">Course version ${escape(course.version)}. Team notes as of ${escape(date.toISOString().slice(0, 10))}.</p>
${workbook.introHtml}
${contacts}
${lessons}
<h2>${escape(workbook.checklist.title)}</h2>
${workbook.checklist.introHtml}
<ul class="checklist">
${checklist}
</ul>
</body>
</html>
`;
}
