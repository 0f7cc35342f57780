import type { ChoiceItem, MatchingItem, OrderingItem } from '../../../src/model/course.js';

const base = { outcome: 'roles', source: 'Test fixture' };

/** Correct answer: `b`. */
export const single: ChoiceItem = {
  ...base,
  id: 'kc-single',
  type: 'single',
  stemHtml: 'Who should <strong>form</strong> the planning team?',
  stemText: 'Who should form the planning team?',
  choices: [
    { id: 'a', html: 'The principal alone', correct: false, feedbackHtml: 'Not alone: partners need a real say.' },
    { id: 'b', html: 'School staff with police, fire and EMS', correct: true, feedbackHtml: 'Right: Step 1 is a collaborative team.' },
    { id: 'c', html: 'The SRO alone', correct: false, feedbackHtml: 'This only moves the work to one person.' },
  ],
};

/** Correct answer: `a` and `c`. */
export const multiple: ChoiceItem = {
  ...base,
  id: 'kc-multiple',
  type: 'multiple',
  stemHtml: 'Which conditions make an SRO a school official? Choose all that apply.',
  stemText: 'Which conditions make an SRO a school official? Choose all that apply.',
  choices: [
    { id: 'a', html: 'Does a job staff would otherwise do', correct: true, feedbackHtml: 'Yes: an institutional function.' },
    { id: 'b', html: 'Is paid by the district', correct: false, feedbackHtml: 'Not a FERPA condition.' },
    { id: 'c', html: 'Is under direct control of the school', correct: true, feedbackHtml: 'Yes: direct control of records.' },
  ],
};

/** Correct answer: `f`. */
export const trueFalse: ChoiceItem = {
  ...base,
  id: 'kc-true-false',
  type: 'true-false',
  stemHtml: 'An SRO must be paid by the school district.',
  stemText: 'An SRO must be paid by the school district.',
  choices: [
    { id: 't', html: 'True', correct: false, feedbackHtml: 'FERPA sets no such condition.' },
    { id: 'f', html: 'False', correct: true, feedbackHtml: 'Right: most SROs stay police employees.' },
  ],
};

/** Correct answer: `['1.a', '2.b', '3.c']`. */
export const matching: MatchingItem = {
  ...base,
  id: 'kc-matching',
  type: 'matching',
  stemHtml: 'Match each goal to the exercise that fits it.',
  stemText: 'Match each goal to the exercise that fits it.',
  pairs: [
    { id: '1', promptHtml: 'Introduce new staff to the plan', targetId: 'a', targetHtml: 'Seminar' },
    { id: '2', promptHtml: 'Talk through a made-up event', targetId: 'b', targetHtml: 'Tabletop exercise' },
    { id: '3', promptHtml: 'Practise one function, such as a lockdown', targetId: 'c', targetHtml: 'Drill' },
  ],
  feedback: { correctHtml: 'Right: they grow in scope.', incorrectHtml: 'Discussion comes before operations.' },
};

/** Correct answer: `['a', 'b', 'c', 'd']`. */
export const ordering: OrderingItem = {
  ...base,
  id: 'kc-ordering',
  type: 'ordering',
  stemHtml: 'Put the planning steps in order.',
  stemText: 'Put the planning steps in order.',
  steps: [
    { id: 'a', html: 'Form a team' },
    { id: 'b', html: 'Understand the situation' },
    { id: 'c', html: 'Set goals' },
    { id: 'd', html: 'Write the <em>plan</em>' },
  ],
  feedback: { correctHtml: 'Right: the team comes first.', incorrectHtml: 'Start with the team.' },
};
