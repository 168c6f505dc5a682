import type { ClassificationId, Condition, Definition, DefinitionRule } from './definitionSchema.ts';

/** A record-level crime as the matcher needs it. Missing fields are undefined, never assumed false. */
export interface CrimeRecord {
  classification: ClassificationId;
  major: string;
  minor: string;
  victimAge?: number | null;
  suspectAge?: number | null;
  flags?: Partial<
    Record<
      | 'domestic_abuse'
      | 'hate_crime'
      | 'knife_or_sharp_instrument'
      | 'firearm'
      | 'injury'
      | 'most_serious_violence'
      | 'sexual_offence',
      boolean
    >
  >;
}

const clean = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

/** Whether a category of a classification is one the rule includes (case- and spacing-insensitive). */
export function ruleIncludesCategory(
  rule: DefinitionRule,
  classification: ClassificationId,
  major: string,
  minor: string,
): boolean {
  if (rule.offences === 'any offence') return true;
  const mapping = rule.offences[classification];
  if (!mapping) return false;
  return mapping.categories.some(
    (c) => clean(c.major) === clean(major) && (c.minor === undefined || clean(c.minor) === clean(minor)),
  );
}

/**
 * Whether a record meets a condition. An unknown value (missing age or flag)
 * does not meet it: a figure built this way states how many records lacked the field.
 */
export function meetsCondition(record: CrimeRecord, condition: Condition): boolean {
  if ('anyOf' in condition) return condition.anyOf.some((c) => meetsCondition(record, c));
  if ('allOf' in condition) return condition.allOf.every((c) => meetsCondition(record, c));
  if ('is' in condition) {
    const flag = record.flags?.[condition.field];
    return flag !== undefined && flag === condition.is;
  }
  const age = condition.field === 'victim_age' ? record.victimAge : record.suspectAge;
  if (age === undefined || age === null) return false;
  return (condition.min === undefined || age >= condition.min) && (condition.max === undefined || age <= condition.max);
}

/** The ids of the rules a record matches; it counts once towards the definition if any match. */
export function matchingRules(definition: Definition, record: CrimeRecord): string[] {
  return definition.rules
    .filter(
      (rule) =>
        ruleIncludesCategory(rule, record.classification, record.major, record.minor) &&
        (!rule.conditions || meetsCondition(record, rule.conditions)),
    )
    .map((rule) => rule.id);
}
