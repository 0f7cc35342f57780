import { css } from 'lit';

export const lessonStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 1.75rem;
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  .objectives,
  aside,
  section.block {
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 1.25rem 0;
  }
  .objectives {
    background: var(--_subtle);
  }
  aside.callout {
    border-left: 6px solid var(--_accent);
    background: var(--_subtle);
  }
  section.scenario {
    border: 2px solid var(--_accent);
  }
  aside.takeaway {
    border-left: 6px solid var(--_ok);
    background: #eef7f0;
  }
  section.discussion {
    border: 2px dashed var(--_border);
  }
  .sources {
    font-size: 0.9rem;
    color: var(--_muted);
  }
  h2 {
    font-size: 1.3rem;
    margin: 1.5rem 0 0.5rem;
  }
  .block-title {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    overflow-x: auto;
    display: block;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.4rem 0.6rem;
    text-align: left;
    vertical-align: top;
  }
  img {
    max-width: 100%;
    height: auto;
  }
`;
