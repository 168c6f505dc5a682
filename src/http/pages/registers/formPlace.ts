import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import { type FormBody, one } from './formBody.ts';
import type { Control, ErrorOf } from './formParts.ts';
import type { PlaceNames } from './pagePlaces.ts';

/*
 * Where an entry is, as the register's geometry allows: latitude and longitude typed or pasted from a phone's map
 * (a point), a ward chosen and an LSOA typed (an area), or either. Registers placed by a reference or by a list of
 * wards have no place inputs.
 */

const WHERE_HINT = "Open your phone's map, long-press the place, copy the coordinates";

/** Where the entry is: coordinates and/or a ward and LSOA, as the register's geometry allows; none for others. */
export function placeControl(
  register: RegisterDefinition,
  body: FormBody,
  error: ErrorOf,
  places: PlaceNames,
): Control | null {
  const g = register.geometry;
  if (g !== 'point' && g !== 'area' && g !== 'point-or-area') return null;
  const coordinate = (name: 'latitude' | 'longitude', example: string): Control => ({
    macro: 'input',
    params: {
      id: name,
      name,
      label: { text: `${name === 'latitude' ? 'Latitude' : 'Longitude'}, for example ${example}` },
      inputmode: 'decimal',
      spellcheck: false,
      value: one(body, name),
      errorMessage: error(name),
      classes: 'govuk-input--width-10',
    },
  });
  const ward = one(body, 'ward');
  const area: Control[] = [
    {
      macro: 'select',
      params: {
        id: 'ward',
        name: 'ward',
        label: { text: 'Ward' },
        errorMessage: error('ward'),
        items: [
          { value: '', text: 'Choose a ward' },
          ...places.wards.map((w) => ({ value: w.code, text: w.name, selected: w.code === ward })),
        ],
      },
    },
    {
      macro: 'input',
      params: {
        id: 'lsoa',
        name: 'lsoa',
        label: { text: 'LSOA code (optional), for example E01004208' },
        spellcheck: false,
        value: one(body, 'lsoa'),
        errorMessage: error('lsoa'),
        classes: 'govuk-input--width-10',
      },
    },
  ];
  const point = [coordinate('latitude', '51.5195'), coordinate('longitude', '-0.0597')];
  const hint =
    g === 'point'
      ? WHERE_HINT
      : g === 'area'
        ? 'The ward, and the LSOA if you know it'
        : `${WHERE_HINT}. Or, when only the area is known, choose its ward.`;
  return {
    macro: 'fieldset',
    params: {
      legend: { text: `Where the ${register.entryName} is`, classes: 'govuk-fieldset__legend--s' },
      describedBy: 'place-hint',
    },
    parts: [
      { macro: 'hint', params: { id: 'place-hint', text: hint } },
      ...(g === 'area' ? [] : point),
      ...(g === 'point' ? [] : area),
    ],
  };
}

/** Where the place's inputs go: after the field naming the place in words, when there is one, else after the date. */
const PLACE_WORDS = ['location', 'place', 'premises', 'site'];
export const placeAfter = (register: RegisterDefinition): string =>
  register.fields.find((f) => PLACE_WORDS.includes(f.name) && !f.personal)?.name ?? register.dateField;
