/*
 * The lawful bases a referral records for sharing (issue 21). Codes are stored; labels and hints are shown.
 * Article 6(1) of the UK GDPR for any personal data; for special category data (ethnicity, health, anything in
 * article 9(1)) also an article 9(2) condition, and where 9(2)(g) or 9(2)(h) is relied on, the Data Protection
 * Act 2018 schedule 1 condition that meets it. Only the conditions a safeguarding referral plausibly relies on
 * are offered; anything else is a conversation with the data protection officer, not a radio button.
 */

export interface Basis {
  readonly code: string;
  readonly label: string;
  readonly hint: string;
}

export const ARTICLE_6_BASES = [
  {
    code: 'consent',
    label: 'Consent: article 6(1)(a)',
    hint: 'The person (or a parent for a young child) agreed to this sharing, freely and knowing what it is for.',
  },
  {
    code: 'contract',
    label: 'Contract: article 6(1)(b)',
    hint: 'Needed for a contract with the person. Rarely right for a safeguarding referral.',
  },
  {
    code: 'legal-obligation',
    label: 'Legal obligation: article 6(1)(c)',
    hint: 'The law requires this sharing, for example a court order.',
  },
  {
    code: 'vital-interests',
    label: 'Vital interests: article 6(1)(d)',
    hint: 'Needed to protect someone’s life, when consent cannot be asked in time.',
  },
  {
    code: 'public-task',
    label: 'Public task: article 6(1)(e)',
    hint: 'Needed for your agency’s statutory functions, such as safeguarding under the Children Act 1989.',
  },
  {
    code: 'legitimate-interests',
    label: 'Legitimate interests: article 6(1)(f)',
    hint: 'Not available to public authorities for their public tasks; for voluntary and community organisations.',
  },
] as const satisfies readonly Basis[];

export const SPECIAL_CONDITIONS = [
  {
    code: 'sch1-18-safeguarding',
    label: 'Substantial public interest: safeguarding of children and of individuals at risk',
    hint: 'Article 9(2)(g) with DPA 2018 schedule 1 paragraph 18. The usual condition for a safeguarding referral.',
  },
  {
    code: 'sch1-10-unlawful-acts',
    label: 'Substantial public interest: preventing or detecting unlawful acts',
    hint: 'Article 9(2)(g) with DPA 2018 schedule 1 paragraph 10.',
  },
  {
    code: 'sch1-6-statutory',
    label: 'Substantial public interest: statutory and government purposes',
    hint: 'Article 9(2)(g) with DPA 2018 schedule 1 paragraph 6: a function given by law.',
  },
  {
    code: 'sch1-2-health-social-care',
    label: 'Health or social care',
    hint: 'Article 9(2)(h) with DPA 2018 schedule 1 paragraph 2, by or under a health or social care professional.',
  },
  {
    code: 'explicit-consent',
    label: 'Explicit consent',
    hint: 'Article 9(2)(a): the person explicitly agreed to sharing this special category information.',
  },
  {
    code: 'vital-interests',
    label: 'Vital interests of a person who cannot consent',
    hint: 'Article 9(2)(c): to protect someone’s life when they are physically or legally unable to consent.',
  },
] as const satisfies readonly Basis[];

export type LawfulBasisCode = (typeof ARTICLE_6_BASES)[number]['code'];
export type SpecialConditionCode = (typeof SPECIAL_CONDITIONS)[number]['code'];

export const LAWFUL_BASIS_CODES = ARTICLE_6_BASES.map((b) => b.code) as [LawfulBasisCode, ...LawfulBasisCode[]];
export const SPECIAL_CONDITION_CODES = SPECIAL_CONDITIONS.map((c) => c.code) as [
  SpecialConditionCode,
  ...SpecialConditionCode[],
];

const labelIn = (list: readonly Basis[], code: string | null | undefined): string =>
  list.find((b) => b.code === code)?.label ?? (code ? `Unknown (${code})` : 'None recorded');

/** The label shown for a stored article 6 code. */
export const lawfulBasisLabel = (code: string | null | undefined): string => labelIn(ARTICLE_6_BASES, code);
/** The label shown for a stored article 9 condition code. */
export const specialConditionLabel = (code: string | null | undefined): string => labelIn(SPECIAL_CONDITIONS, code);

export const CONSENT_CHOICES = [
  { code: 'given', label: 'Consent given' },
  { code: 'refused', label: 'Consent refused' },
  { code: 'not-sought', label: 'Consent not sought' },
] as const;
export const consentLabel = (code: string): string => CONSENT_CHOICES.find((c) => c.code === code)?.label ?? code;
