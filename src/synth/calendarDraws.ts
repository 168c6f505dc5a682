import { daysInMonth } from '../domain/periods/month.ts';
import { type Prng, Weighted } from './prng.ts';
import { HOUR_WEIGHTS, WEEKDAY_WEIGHTS, type HourProfile, type WeekdayProfile } from './timeProfiles.ts';

const DAY = 86_400_000;

/** 'YYYY-MM-DD' plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Draws days of a month by weekday profile and hours by hour profile, caching the tables. */
export class CalendarDraws {
  private readonly days = new Map<string, Weighted<string>>();
  private readonly hours = new Map<HourProfile, Weighted<number>>();

  /** A day of `month` ('YYYY-MM'), weighted by its weekday. */
  day(rng: Prng, month: string, profile: WeekdayProfile): string {
    const key = `${month}|${profile}`;
    let table = this.days.get(key);
    if (!table) {
      const entries: [string, number][] = [];
      for (let d = 1; d <= daysInMonth(month); d += 1) {
        const date = `${month}-${pad2(d)}`;
        entries.push([date, WEEKDAY_WEIGHTS[profile][new Date(`${date}T00:00:00Z`).getUTCDay()]!]);
      }
      table = new Weighted(entries);
      this.days.set(key, table);
    }
    return table.draw(rng);
  }

  hour(rng: Prng, profile: HourProfile): number {
    let table = this.hours.get(profile);
    if (!table) {
      table = new Weighted(HOUR_WEIGHTS[profile].map((w, h) => [h, w] as const));
      this.hours.set(profile, table);
    }
    return table.draw(rng);
  }
}
