import { escapeXml } from '../../../charts/svg.ts';

/** Text and attribute values for HTML: the same five characters as the SVG charts escape (&, <, >, ", '). */
export const escapeHtml = (text: string | number): string => escapeXml(text);

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href a narrative link may carry, or null when it must be shown as plain text. Only absolute http(s) and
 * mailto URLs: narrative comes from people editing templates, and a javascript: or data: URL would run or
 * smuggle content. The URL is returned as the parser serialised it, so what was checked is what is written.
 */
export function safeHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
}

const GB = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** A table cell: charts give strings already formatted; a bare number gets en-GB grouping. */
export const cellText = (cell: string | number): string => (typeof cell === 'number' ? GB.format(cell) : cell);

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const LONG_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** "2026-03-01" → "1 March 2026" (GOV.UK style); anything that is not an ISO date is shown as given. */
export function formatDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : LONG_DATE.format(date);
}

/** The build time in UK local time, as readers date the report. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : LONG_DATE_TIME.format(date);
}

/** A sentence ends with a full stop unless it already ends with punctuation. */
export const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
