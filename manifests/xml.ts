/**
 * Small helpers shared by the manifest writers (imsmanifest.xml, tincan.xml, cmi5.xml).
 * We write XML as text: the documents are small and fixed in shape, and a string
 * template keeps the output byte-for-byte predictable.
 */

// XML 1.0 §2.2 Char: tab, LF, CR and everything from U+0020 except lone surrogates and
// U+FFFE/U+FFFF. With the `u` flag a surrogate pair is one code point, so the range below
// only matches lone halves.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function assertXmlChars(text: string): void {
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '????';
    throw new RangeError(`U+${code} at index ${bad.index} cannot be written in XML 1.0: remove it from ${JSON.stringify(text.slice(0, 40))}`);
  }
}

/**
 * Escapes text for use as XML element content or a quoted attribute value.
 * Throws a `RangeError` for characters XML 1.0 cannot carry at all (most C0 controls),
 * because silently dropping them would change what authors wrote.
 *
 * @example
 * escapeXml('Schools & "SROs"'); // 'Schools &amp; &quot;SROs&quot;'
 */
export function escapeXml(text: string): string {
  assertXmlChars(text);
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Makes text safe inside `<!-- … -->`: XML 1.0 §2.5 forbids `--` in a comment and a
 * comment ending in `-`. Entities are not expanded in comments, so nothing else is escaped.
 *
 * @example
 * `<!-- ${xmlCommentText('a -- b')} -->`; // '<!-- a - - b -->'
 */
export function xmlCommentText(text: string): string {
  assertXmlChars(text);
  return text.replace(/-(?=-)/g, '- ').replace(/-$/, '- ');
}
