import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { minifyCss, minifyHtml, minifyTemplates } from '../../build/minify-templates.js';

const min = (code: string): string => minifyTemplates(code, (c) => parseAst(c)) ?? code;

describe('build-time minification of lit templates (build/minify-templates.ts)', () => {
  it('removes the CSS whitespace and comments that do not matter, and keeps what does', () => {
    assert.equal(
      minifyCss(`
      /* a comment */
      :host {
        display: block;
        margin: calc(1rem + 2px) 0;
      }
      .a > .b,
      .c :hover {
        content: "a,  b : c";
        font: 0.8rem/1.4 ui-monospace, Consolas, monospace;
      }
    `),
      ' :host{display:block;margin:calc(1rem + 2px) 0}.a > .b,.c :hover{content:"a,  b : c";font:0.8rem/1.4 ui-monospace,Consolas,monospace}',
    );
  });

  it('collapses the HTML indentation to the one space the browser renders', () => {
    assert.equal(minifyHtml('\n      <p>One\n        two</p>  <b>x</b>\n    '), ' <p>One two</p>  <b>x</b> ');
  });

  it('changes only the text of css`` and html`` templates, never their interpolations or other strings', () => {
    const code = [
      'const a = css`\n  .x {\n    color: ${c};\n  }\n`;',
      'const b = html`\n  <p class="${k}">\n    ${html`\n      <i>${"  kept  "}</i>\n    `}\n  </p>\n`;',
      'const c = `\n  plain\n`;',
      'const d = other`\n  tagged\n`;',
    ].join('\n');
    assert.equal(
      min(code),
      [
        'const a = css` .x{color:${c}}`;',
        'const b = html` <p class="${k}"> ${html` <i>${"  kept  "}</i> `} </p> `;',
        'const c = `\n  plain\n`;',
        'const d = other`\n  tagged\n`;',
      ].join('\n'),
    );
  });

  it('leaves whitespace-sensitive html templates (pre, textarea text, white-space) as written', () => {
    for (const code of ['const a = html`<pre>\n  x\n</pre>`;', 'const a = html`<textarea>\n  x\n</textarea>`;', 'const a = html`<p style="white-space: pre">\n  x\n</p>`;']) {
      assert.equal(min(code), code);
    }
  });

  it('is deterministic', () => {
    const code = 'const a = css`\n a { b: c; }\n`; const b = html`\n <p>\n x</p>`;';
    assert.equal(min(code), min(code));
  });
});
