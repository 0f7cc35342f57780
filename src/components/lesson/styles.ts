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
  /* Tables: a labelled, focusable region that scrolls if it must; on narrow
     screens (a phone, 200% zoom) each row becomes a card of label/value pairs. */
  .table-wrap {
    container-type: inline-size;
    overflow-x: auto;
    margin: 1rem 0;
    border-radius: var(--_radius);
  }
  .table-hint {
    display: none;
    margin: 0 0 0.25rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.4rem 0.6rem;
    text-align: left;
    vertical-align: top;
  }
  th {
    background: var(--_subtle);
  }
  .align-center {
    text-align: center;
  }
  .align-right {
    text-align: right;
  }
  @container (min-width: 34rem) and (max-width: 44rem) {
    .table-hint {
      display: block;
    }
  }
  @container (max-width: 34rem) {
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      margin: 0 0 0.75rem;
    }
    td {
      border: 0;
      padding: 0.2rem 0;
    }
    td[data-label]::before {
      /* The header is already the cell's column header for screen readers: show it, don't read it twice. */
      content: attr(data-label) / '';
      display: block;
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--_muted);
    }
  }
  img {
    max-width: 100%;
    height: auto;
  }
`;
