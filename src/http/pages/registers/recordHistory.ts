import type { Value } from '../../../registers/entryValues.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';

/*
 * An entry's history as the record page shows it: each version with who, when, what kind of change and why, and
 * the fields that changed from the version before (by label; personal fields by name only, never their values).
 */

export interface VersionRow {
  version: number;
  change: string;
  status: string;
  data: Record<string, Value>;
  personalFieldsChanged: string[];
  reason: string | null;
  changedBy: string;
  changedAt: Date;
}

const CHANGE_WORDS: Record<string, string> = {
  created: 'Created',
  edited: 'Changed',
  submitted: 'Submitted',
  imported: 'Imported',
  'personal-removed': 'Personal fields removed after the retention period',
};

export function historyOf(register: RegisterDefinition, versions: readonly VersionRow[]) {
  const labelOf = (name: string) => register.fields.find((f) => f.name === name)?.label ?? name;
  return versions.map((v, i) => {
    const before = i === 0 ? undefined : versions[i - 1];
    const changed = before
      ? register.fields
          .filter((f) => !f.personal && JSON.stringify(before.data[f.name]) !== JSON.stringify(v.data[f.name]))
          .map((f) => f.label)
      : [];
    return {
      version: v.version,
      change: CHANGE_WORDS[v.change] ?? v.change,
      asDraft: v.status === 'draft',
      by: v.changedBy,
      at: v.changedAt,
      reason: v.reason,
      changed,
      personalChanged: v.personalFieldsChanged.map(labelOf),
    };
  });
}
