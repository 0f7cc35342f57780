import { css } from 'lit';

/**
 * Styles of `slep-assessment`. Colours come from the shared tokens (`--_ink`,
 * `--_accent`, …, each a `--slep-color-*` custom property with an AA-contrast
 * fallback); the navigator has its own size token.
 */
export const assessmentStyles = css`
  .facts {
    display: grid;
    grid-template-columns: max-content auto;
    gap: 0.25rem 1rem;
    margin: 1rem 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.6rem;
    border-radius: 999px;
    font-weight: 700;
    font-size: 0.95rem;
    background: var(--_ok);
    color: var(--slep-color-ok-ink, #ffffff);
  }
  .badge.failed {
    background: var(--_error);
    color: var(--slep-color-error-ink, #ffffff);
  }
  .attempt {
    color: var(--_muted);
    margin: 0 0 0.5rem;
  }
  .question-heading,
  .screen-heading {
    font-size: 1.3rem;
    margin: 1rem 0 0.5rem;
  }
  .nav-buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.75rem;
    margin: 1.25rem 0;
  }
  .navigator {
    border-top: 1px solid var(--_border);
    margin-top: 1.5rem;
    padding-top: 0.75rem;
  }
  .navigator h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  .navigator ol {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0;
    margin: 0 0 0.75rem;
  }
  .navigator li button {
    min-width: var(--slep-assessment-navigator-size, 44px);
    min-height: var(--slep-assessment-navigator-size, 44px);
    justify-content: center;
    padding: 0.25rem 0.5rem;
    font-weight: 600;
  }
  /* Answered is shown by fill and a tick, not by colour alone. */
  .navigator li button.answered {
    background: var(--_accent);
    color: var(--_accent-ink);
  }
  .navigator li button[aria-current] {
    box-shadow:
      0 0 0 2px var(--_surface),
      0 0 0 4px var(--_ink);
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .legend {
    font-size: 0.95rem;
    color: var(--_muted);
    margin: 0;
  }
  .unanswered button {
    text-align: left;
    margin: 0.25rem 0;
  }
  .confirm {
    border: 2px solid var(--_warn);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 1rem 0;
    background: var(--_surface);
  }
  .confirm p {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  .score {
    font-size: 2.5rem;
    font-weight: 700;
    line-height: 1.1;
    margin: 0.25rem 0;
  }
  table {
    border-collapse: collapse;
    margin: 0.5rem 0 1rem;
    width: 100%;
    max-width: 48rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  td.count {
    white-space: nowrap;
  }
  ol.review {
    padding: 0;
    list-style: none;
  }
  ol.review > li {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  ol.review h3 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
`;
