import { escapeHtml, html, raw } from './html.js';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const name = '<script>alert(1)</script>';
    const attr = '" onmouseover="alert(2)';
    expect(html`<td title="${attr}">${name}</td>`.value).toBe(
      '<td title="&quot; onmouseover=&quot;alert(2)">&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    );
  });

  it('keeps nested html and raw markup, flattens arrays and drops null, undefined and false', () => {
    const items = ['a&b', html`<b>${'x<y'}</b>`];
    expect(html`<p>${items}${null}${undefined}${false}${0}${raw('<br>')}</p>`.value).toBe('<p>a&amp;b<b>x&lt;y</b>0<br></p>');
  });

  it("escapes quotes and ampersands", () => {
    expect(escapeHtml(`Tom & Jerry's "club"`)).toBe('Tom &amp; Jerry&#39;s &quot;club&quot;');
  });
});
