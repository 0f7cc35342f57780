import { css } from 'lit';

export const pageStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: var(--_step-4);
    line-height: 1.2;
    margin: 0 0 var(--_space-3);
    color: var(--_accent-strong);
  }
  h2 {
    font-size: var(--_step-2);
    line-height: 1.3;
    margin: var(--_space-6) 0 var(--_space-2);
  }
  .panel {
    background: var(--_subtle);
    border-radius: var(--_radius);
    padding: var(--_space-3) var(--_space-4);
    margin: var(--_space-4) 0;
  }
  .notice {
    border-left: 6px solid var(--_callout);
    background: var(--_callout-tint);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    margin: var(--_space-5) 0;
  }
  ul.plain {
    list-style: none;
    padding: 0;
  }
  ul.plain > li {
    margin: 0 0 var(--_space-4);
  }
  .muted {
    color: var(--_muted);
  }
  /* District banner and contacts (a district override file, docs/customizing.md) */
  .district {
    display: flex;
    align-items: center;
    gap: var(--_space-3);
    margin: 0 0 var(--_space-3);
    font-weight: 700;
    color: var(--_accent-strong);
  }
  .district img {
    height: 3rem;
    width: auto;
  }
  .contacts li + li {
    margin-top: var(--_space-2);
  }
  /* Welcome */
  .hero {
    background: var(--_accent-tint);
    border-top: 6px solid var(--_accent);
    border-radius: var(--_radius);
    padding: var(--_space-4) var(--_space-4) var(--_space-3);
  }
  .kicker {
    margin: 0 0 var(--_space-1);
    font-size: var(--_step--1);
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--_accent);
  }
  .glance {
    list-style: none;
    margin: var(--_space-3) 0 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9.5rem), 1fr));
    gap: var(--_space-2);
  }
  .glance li {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_rule);
  }
  .glance strong,
  .glance span {
    display: block;
  }
  .glance strong {
    font-size: var(--_step-1);
    color: var(--_accent-strong);
  }
  .glance span {
    font-size: var(--_step--1);
    color: var(--_muted);
  }
  .outcomes {
    list-style: none;
    counter-reset: outcome;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .outcomes li {
    counter-increment: outcome;
    display: grid;
    grid-template-columns: 2rem 1fr;
    gap: var(--_space-3);
    align-items: start;
    padding: var(--_space-2) 0;
    border-bottom: 1px solid var(--_rule);
  }
  .outcomes li::before {
    content: counter(outcome) / '';
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-ink);
    font-weight: 700;
  }
  .gets {
    padding-left: 1.25rem;
  }
  .gets li + li {
    margin-top: var(--_space-2);
  }
`;
