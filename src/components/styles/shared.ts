import { css } from 'lit';

/**
 * Design tokens and shared rules. Every colour pair meets WCAG 2.1 AA (4.5:1
 * for text); custom properties let a district restyle the course.
 */
export const sharedStyles = css`
  :host {
    --_ink: var(--slep-color-ink, #1b1f24);
    --_muted: var(--slep-color-muted, #4a5560);
    --_surface: var(--slep-color-surface, #ffffff);
    --_subtle: var(--slep-color-subtle, #f2f5f8);
    --_accent: var(--slep-color-accent, #0b4f8a);
    --_accent-ink: var(--slep-color-accent-ink, #ffffff);
    --_border: var(--slep-color-border, #8a97a5);
    --_ok: var(--slep-color-ok, #1d6b32);
    --_warn: var(--slep-color-warn, #8a4b00);
    --_error: var(--slep-color-error, #a4262c);
    --_focus: var(--slep-color-focus, #c75d00);
    --_radius: var(--slep-radius, 6px);
    color: var(--_ink);
    font-family: var(--slep-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    line-height: 1.55;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-ink);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  a {
    color: var(--_accent);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media print {
    button,
    .no-print {
      display: none !important;
    }
  }
`;
