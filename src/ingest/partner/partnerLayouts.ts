import type { Layout } from '../layout.ts';
import { aeIstvExtractLayout } from './aeIstvExtractLayout.ts';
import { policeExtractLayout } from './policeExtractLayout.ts';

/** Record-level partner extracts (personal data): police offences and A&E ISTV attendances. */
export const partnerLayouts: Layout[] = [policeExtractLayout, aeIstvExtractLayout];
