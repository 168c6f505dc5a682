/**
 * The Home Office aligned major → minor categories the MPS publishes
 * (every pair found in the ward and borough files of ../shared/data/mps,
 * 2010-04..2026-02). A partner extract must use one of these pairs, spelt
 * as here in any case, so its records line up with the published counts.
 */
export const HO_ALIGNED_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  'ARSON AND CRIMINAL DAMAGE': ['ARSON', 'CRIMINAL DAMAGE'],
  BURGLARY: [
    'BURGLARY - RESIDENTIAL',
    'BURGLARY BUSINESS AND COMMUNITY',
    'DOMESTIC BURGLARY',
    'RES BURGLARY OF A HOME',
    'RES BURGLARY OF UNCONNECTED BUILDING',
  ],
  'DRUG OFFENCES': ['POSSESSION OF DRUGS', 'TRAFFICKING OF DRUGS'],
  'FRAUD AND FORGERY': ['FRAUD AND FORGERY'],
  'MISCELLANEOUS CRIMES AGAINST SOCIETY': ['MISC CRIMES AGAINST SOCIETY'],
  'NFIB FRAUD': ['NFIB'],
  'POSSESSION OF WEAPONS': ['POSSESSION OF WEAPONS'],
  'PUBLIC ORDER OFFENCES': [
    'OTHER OFFENCES PUBLIC ORDER',
    'PUBLIC FEAR ALARM OR DISTRESS',
    'RACE OR RELIGIOUS AGG PUBLIC FEAR',
    'VIOLENT DISORDER',
  ],
  ROBBERY: ['ROBBERY OF BUSINESS PROPERTY', 'ROBBERY OF PERSONAL PROPERTY'],
  'SEXUAL OFFENCES': ['OTHER SEXUAL OFFENCES', 'RAPE'],
  THEFT: ['BICYCLE THEFT', 'OTHER THEFT', 'SHOPLIFTING', 'THEFT FROM THE PERSON'],
  'VEHICLE OFFENCES': [
    'AGGRAVATED VEHICLE TAKING',
    'INTERFERING WITH A MOTOR VEHICLE',
    'THEFT FROM A VEHICLE',
    'THEFT OR UNAUTH TAKING OF A MOTOR VEH',
  ],
  'VIOLENCE AGAINST THE PERSON': [
    'DEATH SERIOUS INJURY ILLEGAL DRIVING',
    'HOMICIDE',
    'STALKING AND HARASSMENT',
    'VIOLENCE WITH INJURY',
    'VIOLENCE WITHOUT INJURY',
  ],
};

/** The classification name the MPS importer files these categories under (offence_category.classification). */
export const HO_ALIGNED = 'ho_aligned';
