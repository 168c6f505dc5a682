import type { Parsed } from '../fields.ts';

/**
 * Wraps a field parser for one column with a cache: police.uk files repeat
 * the same few hundred months and LSOA codes millions of times, and parsing
 * each once keeps the row loop cheap. The cache is bounded so a file of
 * unique values cannot grow it without limit.
 */
export function memoisedField<T>(parse: (value: string) => Parsed<T>, limit = 50_000): (value: string) => Parsed<T> {
  const cache = new Map<string, Parsed<T>>();
  return (value) => {
    let parsed = cache.get(value);
    if (parsed === undefined) {
      parsed = parse(value);
      if (cache.size >= limit) cache.clear();
      cache.set(value, parsed);
    }
    return parsed;
  };
}
