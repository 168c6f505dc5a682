import { makeMonth, monthNumberFromName, type Month } from './month.ts';
import {
  calendarYear,
  financialQuarter,
  financialYear,
  monthRange,
  rolling12Months,
  singleMonth,
  strategicAssessmentYear,
  type Period,
} from './period.ts';

export const PERIOD_FORMS =
  'a financial year (2015/16), a quarter (2023/24 Q1), a strategic-assessment year (Oct 2022–Sep 2023 or SA 2022/23), ' +
  '12 months to a month (12 months to Mar 2024), a calendar year (2023), a month (Mar 2024 or 2024-03) or a range (Apr 2023–Jun 2024)';

/** Thrown when a label is not a period; the message says what was wrong and what to write instead. */
export class PeriodParseError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`"${input}" is not a period: ${reason}`);
    this.name = 'PeriodParseError';
  }
}

const RANGE_SEPARATOR = /\s*(?:\.\.|–|—|-|\bto\b)\s*/g;

/**
 * Reads any period label or id, case-insensitively: every Period's id and
 * label parse back to the same period. 'YYYY-MM' is always a month (ISO 8601);
 * a financial year needs a slash or an 'fy' prefix ('2015/16', 'FY2015-16', 'fy15-16' as the MPS dashboard writes it).
 */
export function parsePeriod(input: string): Period {
  const text = input.trim().replace(/\s+/g, ' ').toLowerCase();
  const fail = (reason: string): never => {
    throw new PeriodParseError(input, reason);
  };
  try {
    let m: RegExpExecArray | null;
    if (
      (m = /^(?:fy ?)?(\d{4}) ?\/ ?(\d{2}|\d{4}) ?q([0-9])$/.exec(text)) ||
      (m = /^q([0-9]) (?:fy ?)?(\d{4}) ?\/ ?(\d{2}|\d{4})$/.exec(text))
    ) {
      const [year, next, q] = text.startsWith('q') ? [m[2], m[3], m[1]] : [m[1], m[2], m[3]];
      return financialQuarter(fyStart(year as string, next as string, fail), Number(q));
    }
    if (
      (m = /^(?:fy ?)?(\d{4}) ?\/ ?(\d{2}|\d{4})$/.exec(text)) ||
      (m = /^fy ?(\d{4}) ?- ?(\d{2}|\d{4})$/.exec(text))
    ) {
      return financialYear(fyStart(m[1] as string, m[2] as string, fail));
    }
    if ((m = /^fy ?(\d{2}) ?[-/] ?(\d{2})$/.exec(text)))
      return financialYear(fyStart(`20${m[1]}`, m[2] as string, fail));
    if ((m = /^sa ?(\d{4}) ?[/-] ?(\d{2}|\d{4})$/.exec(text)))
      return strategicAssessmentYear(fyStart(m[1] as string, m[2] as string, fail));
    if ((m = /^(?:rolling )?12 months (?:to|ending) (.+)$/.exec(text)) || (m = /^r12 ?(.+)$/.exec(text))) {
      return rolling12Months(
        parseMonth(m[1] as string) ?? fail(`"${m[1]}" is not a month (write Mar 2024 or 2024-03)`),
      );
    }
    if ((m = /^(?:cy ?|calendar (?:year )?)?(\d{4})$/.exec(text))) return calendarYear(Number(m[1]));
    const month = parseMonth(text);
    if (month) return singleMonth(month);
    const range = parseRange(text);
    if (range) return monthRange(range[0], range[1]);
    if ((m = /^(\d{4})-(\d{2})$/.exec(text)))
      fail(`month ${Number(m[2])} does not exist; for a financial year write ${m[1]}/${m[2]}`);
    if (/q\d/.test(text)) fail('write a quarter as 2023/24 Q1 (Q1 = Apr–Jun)');
  } catch (error) {
    if (error instanceof PeriodParseError) throw error;
    if (error instanceof RangeError) fail(error.message);
    throw error;
  }
  return fail(`use ${PERIOD_FORMS}`);
}

function fyStart(first: string, second: string, fail: (reason: string) => never): number {
  const year = Number(first);
  const next = second.length === 4 ? Number(second) : Number(second);
  const expected = second.length === 4 ? year + 1 : (year + 1) % 100;
  if (next !== expected)
    fail(`the second year must follow the first (${year}/${String((year + 1) % 100).padStart(2, '0')})`);
  return year;
}

/** 'mar 2024', 'march 2024', '2024-03', '202403' → '2024-03'; null when the text is not a month. */
function parseMonth(text: string): Month | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-?(\d{2})$/.exec(t))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? makeMonth(Number(m[1]), month) : null;
  }
  if ((m = /^([a-z]+\.?) (\d{4})$/.exec(t))) {
    const month = monthNumberFromName(m[1] as string);
    return month === null ? null : makeMonth(Number(m[2]), month);
  }
  return null;
}

/** 'Apr 2023–Jun 2024', 'apr 2023 to jun 2024', '2023-04..2024-06': tries each separator until both sides are months. */
function parseRange(text: string): [Month, Month] | null {
  for (const match of text.matchAll(RANGE_SEPARATOR)) {
    const start = parseMonth(text.slice(0, match.index));
    const end = parseMonth(text.slice(match.index + match[0].length));
    if (start && end) return [start, end];
  }
  return null;
}
