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

// views.ts keeps the macros of a template imported without context (their only input is the template); an import
// with context must still see each caller's variables, and no call may see another's arguments.
describe('imported macros', () => {
  const sources: Record<string, string> = {
    'm.njk': '{% macro hi(n) %}hi {{ n }}{% if who %} from {{ who }}{% endif %}{% endmacro %}',
    'plain.njk': '{% from "m.njk" import hi %}{{ hi(n) }}',
    'withContext.njk': '{% from "m.njk" import hi with context %}{{ hi(n) }}',
  };
  const loader = { getSource: (name: string) => ({ src: sources[name]!, path: name, noCache: false }) };
  const env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader);
  createViewEnvironment(); // views.ts is loaded, so the kept exports apply to every environment

  it('without context: each call gets its own arguments and never the caller’s variables', () => {
    expect(env.render('plain.njk', { n: 1, who: 'x' })).toBe('hi 1');
    expect(env.render('plain.njk', { n: 2, who: 'y' })).toBe('hi 2');
  });

  it('with context: each render sees its own variables', () => {
    expect(env.render('withContext.njk', { n: 3, who: 'y' })).toBe('hi 3 from y');
    expect(env.render('withContext.njk', { n: 4, who: 'z' })).toBe('hi 4 from z');
  });

  it('a govuk-frontend component called twice on one page renders each call’s own text', () => {
    const page = createViewEnvironment().renderString(
      '{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag({ text: a }) }}|{{ govukTag({ text: b }) }}',
      { a: 'First', b: 'Second' },
    );
    expect(page.replace(/\s+/g, ' ')).toBe(
      '<strong class="govuk-tag"> First </strong> |<strong class="govuk-tag"> Second </strong> ',
    );
  });
});
