import { css } from 'lit';

/**
 * Rules shared by the question elements, on top of `sharedStyles` (tokens, focus
 * outline, 44px buttons). Every text colour meets 4.5:1 on its background and
 * every control boundary 3:1; state is never shown by colour alone.
 */
export const questionStyles = css`
  :host {
    display: block;
    --_gap: var(--slep-question-gap, 0.5rem);
    --_option: var(--slep-question-option-bg, var(--_surface));
    --_selected: var(--slep-question-selected-bg, var(--_subtle));
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.75rem;
  }
  .options,
  .matches,
  .steps {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
  }
  .option,
  .steps li {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    box-sizing: border-box;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_option);
  }
  .option {
    cursor: pointer;
  }
  .option:has(input:checked) {
    background: var(--_selected);
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  .option:has(input:disabled) {
    cursor: default;
  }
  input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .match {
    display: grid;
    /* A select is as wide as its longest option unless its track may shrink (WCAG 1.4.10 reflow). */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.25rem;
  }
  select {
    font: inherit;
    box-sizing: border-box;
    width: 100%;
    min-width: 0;
    text-overflow: ellipsis;
    color: var(--_ink);
    background: var(--_surface);
    min-height: 44px;
    max-width: 100%;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }
  select:disabled {
    color: var(--_ink);
    opacity: 1;
  }
  .steps {
    list-style: none;
    counter-reset: step;
  }
  .steps li {
    counter-increment: step;
    flex-wrap: wrap;
  }
  .steps li::before {
    content: counter(step) '.';
    font-weight: 600;
  }
  .step {
    flex: 1 1 12rem;
  }
  .moves {
    display: flex;
    gap: 0.5rem;
  }
  button[aria-disabled='true'] {
    border-style: dashed;
    color: var(--_muted);
    border-color: var(--_muted);
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  .feedback {
    margin-top: 1rem;
  }
  .verdict {
    border-left: 6px solid var(--_error);
    padding: 0.25rem 0 0.25rem 1rem;
  }
  .verdict.correct {
    border-left-color: var(--_ok);
  }
  .verdict h3 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
    color: var(--_error);
  }
  .verdict.correct h3 {
    color: var(--_ok);
  }
  .verdict ul,
  .verdict ol {
    padding-left: 1.25rem;
  }
  .verdict li + li {
    margin-top: 0.5rem;
  }
  .verdict li p {
    margin: 0;
  }
  .notice {
    color: var(--_warn);
    font-weight: 600;
  }
`;
