import type { Value } from '../../../registers/entryValues.ts';
import type { RegisterField } from '../../../registers/registerSchema.ts';
import { describeDate } from '../../../governance/londonTime.ts';

/*
 * How an entry's values read on the list and the record page: dates as "27 March 2026", counts as
 * "knife 2, firearm 0" in the vocabulary's order, lists joined with commas, yes or no.
 */

/** YYYY-MM-DD → "27 March 2026"; anything else unchanged. */
export function dateWords(iso: string | null | undefined): string {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(iso ?? '');
  return m ? describeDate(m[0]) : (iso ?? '');
}

export function valueText(field: RegisterField, value: Value | undefined): string {
  if (value === undefined || value === null) return '';
  switch (field.type) {
    case 'counts': {
      const counts = value as Record<string, number>;
      return (field.vocabulary ?? []).map((t) => `${t} ${counts[t] ?? 0}`).join(', ');
    }
    case 'date':
      return dateWords(String(value));
    case 'datetime': {
      const text = String(value);
      return `${dateWords(text)} ${text.slice(11, 16)}`.trim();
    }
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}
