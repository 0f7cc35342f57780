import { css } from 'lit';

/**
 * Design tokens and shared rules. Every colour pair meets WCAG 2.1 AA (4.5:1
 * for text; the ink, accent, callout, scenario, ok and muted colours reach at
 * least 5.9:1 on white and on their own tints); custom properties let a
 * district restyle the course.
 *
 * Identity: navy (law enforcement and school blue) with teal scenarios, amber
 * notes and green takeaways; a system font stack that is stable on Windows,
 * macOS, ChromeOS and Debian (no web fonts: the package loads nothing from
 * elsewhere); a modular type scale (×1.2) and a 4px-based spacing scale.
 */
export const sharedStyles = css`
  :host {
    --_ink: var(--slep-color-ink, #1b1f24);
    --_accent-strong: var(--slep-color-accent-strong, #08365f);
    --_accent-tint: var(--slep-color-accent-tint, #e6eef7);
    --_callout: var(--slep-color-callout, #8a4b00);
    --_callout-tint: var(--slep-color-callout-tint, #fdf3e2);
    --_scenario: var(--slep-color-scenario, #0f6b63);
    --_scenario-tint: var(--slep-color-scenario-tint, #d5ece9);
    --_ok-tint: var(--slep-color-ok-tint, #e7f4ea);
    --_rule: var(--slep-color-rule, #d3dae1);
    --_measure: var(--slep-measure, 44rem);
    --_step--1: 0.875rem;
    --_step-0: 1rem;
    --_step-1: 1.2rem;
    --_step-2: 1.44rem;
    --_step-3: 1.728rem;
    --_step-4: clamp(1.6rem, 1.2rem + 2vw, 2.074rem);
    --_space-1: 0.25rem;
    --_space-2: 0.5rem;
    --_space-3: 0.75rem;
    --_space-4: 1rem;
    --_space-5: 1.5rem;
    --_space-6: 2rem;
    --_muted: var(--slep-color-muted, #4a5560);
    --_surface: var(--slep-color-surface, #ffffff);
    --_subtle: var(--slep-color-subtle, #f2f5f8);
    --_accent: var(--slep-color-accent, #0b4f8a);
    --_accent-ink: var(--slep-color-accent-ink, #ffffff);
    --_border: var(--slep-color-border, #758391);
    --_ok: var(--slep-color-ok, #1d6b32);
    --_warn: var(--slep-color-warn, #8a4b00);
    --_error: var(--slep-color-error, #a4262c);
    --_focus: var(--slep-color-focus, #c75d00);
    --_radius: var(--slep-radius, 6px);
    color: var(--_ink);
    font-family: var(--slep-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif);
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
