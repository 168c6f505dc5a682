import type { RegisterDefinition, RegisterField } from '../registerSchema.ts';

/*
 * The columns of a register's file, in the names entryValues reads (so a form and a file agree): each field by its
 * name, a counts field as one column per term (`items.knife`), and the place as the register's geometry allows it:
 * latitude and longitude for a point, lsoa and ward for an area, all four when either will do. A reference is its
 * field's name; an entry placed by a reference or by a list of wards has no place columns of its own.
 */

export interface FileColumn {
  name: string;
  /** The field the column belongs to; none for a place column. */
  field: RegisterField | null;
  /** The column must be in the header: a required field's, or the point of a register placed by points only. */
  required: boolean;
}

export function placeColumnNames(register: RegisterDefinition): string[] {
  switch (register.geometry) {
    case 'point':
      return ['latitude', 'longitude'];
    case 'area':
      return ['lsoa', 'ward'];
    case 'point-or-area':
      return ['latitude', 'longitude', 'lsoa', 'ward'];
    default:
      return [];
  }
}

/** Every column of the register's import file, in the template's order. */
export function fileColumns(register: RegisterDefinition): FileColumn[] {
  const columns: FileColumn[] = [];
  for (const field of register.fields) {
    if (field.type === 'counts')
      for (const term of field.vocabulary ?? [])
        columns.push({ name: `${field.name}.${term}`, field, required: false });
    else columns.push({ name: field.name, field, required: field.required });
  }
  for (const name of placeColumnNames(register))
    columns.push({ name, field: null, required: register.geometry === 'point' });
  return columns;
}
