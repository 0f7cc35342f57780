import { css } from 'lit';

export const pageStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 1.75rem;
    line-height: 1.25;
    margin: 0 0 0.75rem;
  }
  h2 {
    font-size: 1.3rem;
    margin: 1.5rem 0 0.5rem;
  }
  .panel {
    background: var(--_subtle);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 1rem 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 1.25rem 0;
  }
  ul.plain {
    list-style: none;
    padding: 0;
  }
  ul.plain > li {
    margin: 0 0 1rem;
  }
  .muted {
    color: var(--_muted);
  }
`;
