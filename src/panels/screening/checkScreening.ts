import { AGE_BANDS, type AgeBand, ageBand, ETHNIC_GROUPS } from '../../domain/panels/demographics.ts';
import type { ScreeningResult } from './score.ts';
import { questionsOf, ROUTES, type Route, type ScreeningTool } from './toolSchema.ts';

/*
 * Checking a screening before anything is written (pure). Each problem names its field: a question's id for an
 * answer, else setting, ageBand, sex, ethnicGroup, confirmedRoute or overrideReason. The page shows them in its
 * error summary; the store refuses the whole screening on any of them.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** What a practitioner submits, as text from a form (or values from a test). */
export interface ScreeningInput {
  toolId: string;
  /** The version the questions were shown from; the newest stored if absent. */
  toolVersion?: number;
  answers: Readonly<Record<string, string>>;
  setting: string;
  /** One of AGE_BANDS, or else `age` in whole years. */
  ageBand?: string;
  age?: number | string;
  sex: string;
  /** A high-level ethnic group, asked optionally; 'Not stated' if absent. */
  ethnicGroup?: string;
  confirmedRoute?: string;
  overrideReason?: string;
}

export const SEXES = [
  { id: 'female', label: 'Female' },
  { id: 'male', label: 'Male' },
  { id: 'not-known', label: 'Not known' },
] as const;

export interface About {
  setting: string;
  ageBand: AgeBand;
  sex: string;
  ethnicGroup: string;
}

export function checkAnswers(tool: ScreeningTool, answers: ScreeningInput['answers']): FieldError[] {
  const errors: FieldError[] = [];
  const questions = questionsOf(tool);
  for (const q of questions) {
    const answer = answers[q.id]?.trim() ?? '';
    const allowed = q.type === 'yes-no' ? ['yes', 'no', 'not-known'] : (q.options ?? []).map((o) => o.id);
    if (answer === '') {
      if (q.required) errors.push({ field: q.id, message: `Answer "${q.text}"` });
    } else if (!allowed.includes(answer))
      errors.push({ field: q.id, message: `"${q.text}": "${answer}" is not one of the answers` });
  }
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers))
    if (!known.has(id)) errors.push({ field: id, message: `"${id}" is not a question of ${tool.title}` });
  return errors;
}

/** The setting, age band (from the band, or the age), sex and ethnic group, or the problems with them. */
export function checkAbout(tool: ScreeningTool, input: ScreeningInput): { about?: About; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!tool.settings.some((s) => s.id === input.setting))
    errors.push({ field: 'setting', message: 'Choose where you are doing the screening' });
  let band: AgeBand | undefined;
  if (input.ageBand && (AGE_BANDS as readonly string[]).includes(input.ageBand)) band = input.ageBand as AgeBand;
  else if (input.age !== undefined && `${input.age}`.trim() !== '') {
    const age = Number(input.age);
    if (Number.isInteger(age) && age >= 0 && age <= 120) band = ageBand(age);
    else errors.push({ field: 'ageBand', message: 'Age must be a whole number of years from 0 to 120' });
  } else errors.push({ field: 'ageBand', message: "Choose the person's age band, or 'not known'" });
  if (!SEXES.some((s) => s.id === input.sex))
    errors.push({ field: 'sex', message: "Choose the person's sex, or 'not known'" });
  const group = input.ethnicGroup?.trim() || 'Not stated';
  if (!(ETHNIC_GROUPS as readonly string[]).includes(group))
    errors.push({ field: 'ethnicGroup', message: 'Choose an ethnic group from the list, or leave it blank' });
  if (errors.length || !band) return { errors };
  return { about: { setting: input.setting, ageBand: band, sex: input.sex, ethnicGroup: group }, errors };
}

/** The practitioner's route: any route may be chosen, but one other than recommended needs a reason. */
export function checkRoute(
  result: ScreeningResult,
  input: ScreeningInput,
): { route?: Route; reason: string | null; errors: FieldError[] } {
  const route = (ROUTES as readonly string[]).includes(input.confirmedRoute ?? '')
    ? (input.confirmedRoute as Route)
    : undefined;
  if (!route)
    return {
      reason: null,
      errors: [{ field: 'confirmedRoute', message: 'Confirm the recommended route or choose another' }],
    };
  const reason = input.overrideReason?.trim() || null;
  if (route !== result.recommendedRoute && !reason)
    return {
      reason,
      errors: [{ field: 'overrideReason', message: 'Say why you chose a route other than the one recommended' }],
    };
  return { route, reason: route === result.recommendedRoute ? null : reason, errors: [] };
}
