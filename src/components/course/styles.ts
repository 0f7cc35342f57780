import { css } from 'lit';

export const courseStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--_surface);
  }
  .skip {
    position: absolute;
    left: -999px;
  }
  .skip:focus {
    left: 0.5rem;
    top: 0.5rem;
    z-index: 10;
    background: var(--_surface);
    padding: 0.5rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    border-bottom: 1px solid var(--_border);
    background: var(--_subtle);
  }
  header .title {
    font-weight: 700;
    flex: 1 1 12rem;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    min-width: 0;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.95rem;
  }
  progress {
    width: 8rem;
    height: 0.75rem;
    accent-color: var(--_accent);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(14rem, 18rem) 1fr;
    max-width: 75rem;
    margin: 0 auto;
  }
  nav {
    border-right: 1px solid var(--_border);
    padding: 1rem 0.75rem;
  }
  nav ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    padding: 0.5rem;
    min-height: 44px;
    box-sizing: border-box;
    border-radius: var(--_radius);
    text-decoration: none;
    color: var(--_ink);
  }
  nav a[aria-current='page'] {
    background: var(--_accent);
    color: var(--_accent-ink);
  }
  nav .mark {
    flex: 0 0 1.25rem;
  }
  main {
    padding: 1rem 1.5rem 2rem;
    min-width: 0;
  }
  .pager {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    margin-top: 2rem;
    border-top: 1px solid var(--_border);
    padding-top: 1rem;
  }
  .banner {
    margin: 0.75rem 1rem 0;
    padding: 0.6rem 1rem;
    border-radius: var(--_radius);
    box-sizing: border-box;
  }
  .banner.info {
    background: #e8f1fa;
    border: 1px solid var(--_accent);
  }
  .banner.error {
    background: #fbeaea;
    border: 2px solid var(--_error);
  }
  .resume {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 1rem;
    margin-bottom: 1.5rem;
  }
  .menu-toggle {
    display: none;
  }
  @media (max-width: 48rem) {
    .layout {
      grid-template-columns: 1fr;
    }
    nav {
      border-right: 0;
      border-bottom: 1px solid var(--_border);
    }
    nav[data-collapsed] ol {
      display: none;
    }
    .menu-toggle {
      display: inline-flex;
    }
  }
  @media print {
    header,
    nav,
    .pager,
    .banner {
      display: none;
    }
    .layout {
      display: block;
    }
  }
`;
