import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Contact, District } from '../../model/course.js';

/** A phone number as a `tel:` address (digits and a leading +). */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** The district's logo and name, as a line above a page's title ('' without a district). */
export function districtBanner(district: District | undefined): TemplateResult | typeof nothing {
  if (!district) return nothing;
  const logo = district.logo;
  return html`<p class="district">
    ${logo ? html`<img src=${logo.src} alt=${logo.alt} width=${logo.width} height=${logo.height} />` : nothing}<span>${district.name}</span>
  </p>`;
}

/** "Who to ask": the district's local contacts, under a heading of the given level. */
export function districtContacts(district: District | undefined, options: { headingId: string; level: 2 | 3 }): TemplateResult | typeof nothing {
  if (!district?.contacts.length) return nothing;
  const heading = `Your local contacts at ${district.name}`;
  const contact = (c: Contact) => html`<li>
    <strong>${c.role}:</strong> ${c.name}${c.title ? html`, ${c.title}` : nothing}
    ${c.email ? html`<br /><a href="mailto:${c.email}">${c.email}</a>` : nothing}
    ${c.phone ? html`<br /><a href=${telHref(c.phone)}>${c.phone}</a>` : nothing}
  </li>`;
  return html`<section class="contacts" aria-labelledby=${options.headingId}>
    ${options.level === 2 ? html`<h2 id=${options.headingId}>${heading}</h2>` : html`<h3 id=${options.headingId}>${heading}</h3>`}
    <ul class="plain">
      ${district.contacts.map(contact)}
    </ul>
  </section>`;
}
