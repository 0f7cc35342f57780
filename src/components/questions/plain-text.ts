/**
 * The text of a build-sanitised HTML fragment, for places that take no markup:
 * `<option>` labels, accessible names and live-region announcements. A
 * `<template>` parses inertly: nothing in it loads or runs.
 *
 * @example
 * plainText('Call <em>911</em>'); // 'Call 911'
 */
export function plainText(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return (template.content.textContent ?? '').replace(/\s+/g, ' ').trim();
}
