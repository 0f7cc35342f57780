import { css } from 'lit';

/**
 * Lesson page. Rhythm: each `##` section opens with a rule and an accent bar;
 * scenarios, callouts and takeaways each have their own colour, label and edge,
 * so a learner can tell them apart at a glance (and not by colour alone: each
 * block also has its own heading label and border shape).
 */
export const lessonStyles = css`
  :host {
    display: block;
  }
  article {
    max-width: var(--_measure);
  }
  h1 {
    font-size: var(--_step-4);
    line-height: 1.2;
    margin: 0 0 var(--_space-2);
    color: var(--_accent-strong);
  }
  .meta {
    color: var(--_muted);
    margin: 0 0 var(--_space-4);
  }
  .objectives,
  aside,
  section.block,
  figure.diagram {
    border-radius: var(--_radius);
    padding: var(--_space-3) var(--_space-4);
    margin: var(--_space-5) 0;
  }
  .objectives {
    background: var(--_accent-tint);
    border-top: 4px solid var(--_accent);
  }
  .objectives ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  /* Sections: a visible beat between short chunks of reading. */
  .prose h2 {
    font-size: var(--_step-2);
    line-height: 1.3;
    margin: var(--_space-6) 0 var(--_space-2);
    padding-top: var(--_space-4);
    border-top: 1px solid var(--_rule);
    position: relative;
  }
  .prose h2::before {
    content: '';
    position: absolute;
    top: -2px;
    left: 0;
    width: 3rem;
    height: 4px;
    border-radius: 2px;
    background: var(--_accent);
  }
  .prose p,
  .prose li {
    max-width: var(--_measure);
  }
  .block-title {
    font-size: var(--_step-1);
    line-height: 1.3;
    margin: 0 0 var(--_space-2);
  }
  /* A visual kicker above each block title; the alt text '' keeps it out of the heading's name. */
  .callout .block-title::before,
  .scenario .block-title::before,
  .takeaway .block-title::before,
  .check .block-title::before,
  .discussion .block-title::before {
    display: block;
    font-size: var(--_step--1);
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    margin-bottom: var(--_space-1);
  }
  /* Callout: a note in the margin of the text — amber edge, warm tint. */
  aside.callout {
    border-left: 6px solid var(--_callout);
    background: var(--_callout-tint);
  }
  aside.callout .block-title::before {
    content: 'Note' / '';
    color: var(--_callout);
  }
  /* Scenario: a story to think through — teal frame, a "case file" tab. */
  section.scenario {
    border: 2px solid var(--_scenario);
    background: var(--_surface);
    box-shadow: 6px 6px 0 var(--_scenario-tint);
  }
  section.scenario .block-title::before {
    content: 'Scenario' / '';
    color: var(--_scenario);
  }
  section.scenario > p:last-child {
    font-weight: 600;
  }
  /* Takeaway: what to remember — green band, bold edge on both sides. */
  aside.takeaway {
    border: 2px solid var(--_ok);
    border-left-width: 10px;
    background: var(--_ok-tint);
  }
  aside.takeaway .block-title::before {
    content: 'Remember' / '';
    color: var(--_ok);
  }
  section.check {
    border: 1px solid var(--_border);
    background: var(--_subtle);
  }
  section.check .block-title::before {
    content: 'Try it' / '';
    color: var(--_accent);
  }
  section.discussion {
    border: 2px dashed var(--_border);
  }
  section.discussion .block-title::before {
    content: 'Team talk' / '';
    color: var(--_muted);
  }
  .sources {
    font-size: var(--_step--1);
    color: var(--_muted);
    border-top: 1px solid var(--_rule);
    margin-top: var(--_space-6);
    padding-top: var(--_space-3);
  }
  figure.diagram {
    border: 1px solid var(--_rule);
    background: var(--_surface);
    text-align: center;
  }
  figure.diagram svg {
    display: block;
    width: 100%;
    max-width: 28rem;
    height: auto;
    margin: 0 auto;
  }
  figcaption,
  .in-words {
    text-align: left;
    font-size: var(--_step--1);
    color: var(--_muted);
    margin-top: var(--_space-2);
  }
  .in-words summary {
    cursor: pointer;
    color: var(--_accent);
    min-height: 44px;
    display: flex;
    align-items: center;
  }
  .in-words p {
    color: var(--_ink);
    margin: 0 0 var(--_space-2);
  }
  /* Tables: a labelled, focusable region that scrolls if it must; on narrow
     screens (a phone, 200% zoom) each row becomes a card of label/value pairs. */
  .table-wrap {
    container-type: inline-size;
    overflow-x: auto;
    margin: var(--_space-3) 0;
    border-radius: var(--_radius);
  }
  .table-hint {
    display: none;
    margin: 0 0 0.25rem;
    font-size: var(--_step--1);
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
    background: var(--_accent-tint);
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
      font-size: var(--_step--1);
      font-weight: 600;
      color: var(--_muted);
    }
  }
  img {
    max-width: 100%;
    height: auto;
  }
  @media print {
    figure.diagram,
    aside,
    section.block {
      break-inside: avoid;
    }
    .in-words summary {
      display: none;
    }
  }
`;
