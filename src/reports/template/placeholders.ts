/*
 * Placeholders bind narrative to figures: {{area}}, {{period}}, {{compare}}, and {{figure-id.field}} for a figure
 * block of the same report. They are filled at every build, so the words follow the numbers; an author who wants
 * fixed words types them instead. Pure: text in, tokens or errors out.
 */

/** Fields a figure placeholder may ask for. Headline blocks have all of them; other views have `sentence`. */
export const FIGURE_FIELDS = [
  'count',
  'rate',
  'lower',
  'upper',
  'change',
  'compareCount',
  'benchmark',
  'population',
  'sentence',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
/** Report-wide words: the place and periods, and `unavailable` (the figures this build could not produce, and why). */
export const PLACE_FIELDS = ['area', 'period', 'compare', 'unavailable'] as const;
export type PlaceField = (typeof PLACE_FIELDS)[number];

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'place'; field: PlaceField }
  | { kind: 'figure'; figure: string; field: FigureField };

/** A narrative that cannot be read: which block, and what is wrong with it. */
export class PlaceholderError extends Error {
  constructor(
    readonly block: string,
    detail: string,
  ) {
    super(`block "${block}": ${detail}`);
    this.name = 'PlaceholderError';
  }
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/**
 * Splits text into literal text and placeholders. `figures` are the figure block ids the report has (with the
 * fields each offers); anything else between {{ and }}, or an unmatched {{ or }}, is refused naming `block`.
 */
export function tokenise(block: string, text: string, figures: ReadonlyMap<string, ReadonlySet<FigureField>>): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    pushText(block, tokens, text.slice(at, m.index));
    tokens.push(placeholder(block, m[1]!.trim(), figures));
    at = m.index + m[0].length;
  }
  pushText(block, tokens, text.slice(at));
  return tokens;
}

function pushText(block: string, tokens: Token[], text: string): void {
  if (text.includes('{{') || text.includes('}}'))
    throw new PlaceholderError(
      block,
      `an unmatched "{{" or "}}" in "${excerpt(text)}": write placeholders as {{figure-id.field}}`,
    );
  if (text !== '') tokens.push({ kind: 'text', text });
}

function placeholder(block: string, inner: string, figures: ReadonlyMap<string, ReadonlySet<FigureField>>): Token {
  if ((PLACE_FIELDS as readonly string[]).includes(inner)) return { kind: 'place', field: inner as PlaceField };
  const m = /^([a-z][a-z0-9-]*)\.([A-Za-z]+)$/.exec(inner);
  if (!m)
    throw new PlaceholderError(
      block,
      `"{{${inner}}}" is not a placeholder: use {{area}}, {{period}}, {{compare}}, {{unavailable}} or {{figure-id.field}}`,
    );
  const [, figure, field] = m as unknown as [string, string, string];
  const offered = figures.get(figure);
  if (!offered) throw new PlaceholderError(block, `"{{${inner}}}" names no figure of this report: "${figure}"`);
  if (!offered.has(field as FigureField))
    throw new PlaceholderError(
      block,
      `"{{${inner}}}": figure "${figure}" offers ${[...offered].join(', ')}, not "${field}"`,
    );
  return { kind: 'figure', figure, field: field as FigureField };
}

const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Fills tokens with values; a value the build could not produce reads "[not available]", never blank or zero. */
export function fill(
  tokens: readonly Token[],
  place: Record<PlaceField, string>,
  facts: ReadonlyMap<string, Partial<Record<FigureField, string>>>,
): string {
  return tokens
    .map((t) => {
      if (t.kind === 'text') return t.text;
      if (t.kind === 'place') return place[t.field];
      return facts.get(t.figure)?.[t.field] ?? '[not available]';
    })
    .join('');
}
