import {
  CLASSIFICATION_NAMES,
  conditionFields,
  FIELD_LABELS,
  type ClassificationId,
  type Definition,
  type DefinitionRule,
  type RecordField,
} from './definitionSchema.ts';

/** What a data source offers: its classification and the record-level fields it carries. */
export interface SourceFields {
  /** As people name it: 'police.uk', 'MPS borough counts', 'partner extract'. */
  name: string;
  classification: ClassificationId;
  /** 'record' for one row per crime; 'aggregate' for published counts. */
  level: 'record' | 'aggregate';
  fields: readonly RecordField[];
}

export interface FigureCapability {
  ruleId: string;
  figure: string;
  canProduce: boolean;
  /** Why not, or the caveat that travels with the figure. */
  reasons: string[];
}

export interface Capability {
  definitionId: string;
  version: number;
  source: string;
  figures: FigureCapability[];
  /** Whether the definition's total (each record counted once) can be produced. */
  total: { canProduce: boolean; reasons: string[] };
}

/**
 * Which of a definition's figures a source can produce, and why not, without
 * guessing: a missing field, an unmapped or broader category means "cannot",
 * never a count of zero or of the wrong offences.
 */
export function capability(definition: Definition, source: SourceFields): Capability {
  const figures = definition.rules.map((rule) => ruleCapability(rule, source));
  const reasons: string[] = [];
  const blocked = figures.filter((f) => !f.canProduce);
  if (blocked.length > 0) reasons.push(`cannot produce: ${blocked.map((f) => f.figure).join('; ')}`);
  if (definition.rules.length > 1 && source.level === 'aggregate') {
    reasons.push(
      `${source.name} publishes counts, not records: the parts overlap (e.g. a domestic-abuse robbery of a 19-year-old), so adding them would count some offences twice`,
    );
  }
  return {
    definitionId: definition.id,
    version: definition.version,
    source: source.name,
    figures,
    total: { canProduce: reasons.length === 0, reasons },
  };
}

function ruleCapability(rule: DefinitionRule, source: SourceFields): FigureCapability {
  const reasons: string[] = [];
  let canProduce = true;
  let needed: RecordField[] = rule.conditions ? conditionFields(rule.conditions) : [];
  if (rule.offences !== 'any offence') {
    const mapping = rule.offences[source.classification];
    if (!mapping) {
      canProduce = false;
      reasons.push(
        rule.notMapped?.[source.classification] ??
          `this definition has no mapping onto ${CLASSIFICATION_NAMES[source.classification]}`,
      );
    } else {
      if (mapping.relation === 'broader') {
        canProduce = false;
        reasons.push(
          `${CLASSIFICATION_NAMES[source.classification]} only offer broader categories (${mapping.categories.map(describe).join(', ')})${mapping.note ? `: ${mapping.note}` : ''}`,
        );
      } else if (mapping.relation === 'approximate') {
        reasons.push(`approximate: ${mapping.note ?? 'the categories do not match the rule exactly'}`);
      }
      if (mapping.categories.every((c) => c.appliesConditions)) needed = [];
    }
  }
  const missing = [...new Set(needed)].filter((f) => !source.fields.includes(f));
  if (missing.length > 0) {
    canProduce = false;
    const noun = source.level === 'record' ? 'records carry' : 'counts carry';
    reasons.push(`${source.name} ${noun} no ${missing.map((f) => FIELD_LABELS[f]).join(' or ')}`);
  }
  return { ruleId: rule.id, figure: rule.label, canProduce, reasons };
}

function describe(c: { major: string; minor?: string }): string {
  return c.minor ? `'${c.major}' / '${c.minor}'` : `'${c.major}'`;
}
