import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { createViewEnvironment } from './views.ts';

// The trim filter replaces nunjucks' quadratic one (views.ts); it must trim exactly what nunjucks' regular
// expression trims and keep markup marked safe as safe, or govuk-frontend's components would be escaped.
describe('trim filter', () => {
  const env = createViewEnvironment();
  const render = (template: string, s: unknown) => env.renderString(template, { s });

  it('trims the characters \\s matches, at both ends only', () => {
    expect(render('[{{ s | trim }}]', ' \t\n\u00a0\ufeff\u2028 a  b \r\n ')).toBe('[a  b]');
  });

  it('escapes a plain string after trimming and leaves safe markup unescaped', () => {
    expect(render('{{ s | trim }}', '  <b>x</b>\n')).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(render('{{ s | safe | trim }}', '  <b>x</b>\n')).toBe('<b>x</b>');
    const filtered = env.getFilter('trim')(new nunjucks.runtime.SafeString(' <i>y</i> '));
    expect(filtered).toBeInstanceOf(nunjucks.runtime.SafeString);
    expect(String(filtered)).toBe('<i>y</i>');
  });

  it('trims a long run of whitespace around a component (what govuk-frontend macros produce)', () => {
    const s = `${' '.repeat(50_000)}<div>x</div>${'\n '.repeat(50_000)}`;
    expect(render('{{ s | safe | trim }}', s)).toBe('<div>x</div>');
  });

  it('gives an empty string for nothing', () => {
    expect(render('[{{ s | trim }}]', undefined)).toBe('[]');
  });
});
