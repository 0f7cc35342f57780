import { SlepChoiceQuestion } from './choice-question.js';
import { SlepMatchingQuestion } from './matching-question.js';
import { SlepOrderingQuestion } from './ordering-question.js';
import { SlepQuestion } from './question.js';

customElements.define('slep-choice-question', SlepChoiceQuestion);
customElements.define('slep-matching-question', SlepMatchingQuestion);
customElements.define('slep-ordering-question', SlepOrderingQuestion);
customElements.define('slep-question', SlepQuestion);

declare global {
  interface HTMLElementTagNameMap {
    'slep-choice-question': SlepChoiceQuestion;
    'slep-matching-question': SlepMatchingQuestion;
    'slep-ordering-question': SlepOrderingQuestion;
    'slep-question': SlepQuestion;
  }
}
