import type { HateStrand, PoliceLocationType } from '../ingest/partner/partnerVocabulary.ts';
import type { AgeProfile } from './personProfiles.ts';
import type { HourProfile, WeekdayProfile } from './timeProfiles.ts';

/**
 * What a synthetic record of each kind of offence looks like. Every number is
 * documented in docs/formats/synthetic-profiles.md (change both together).
 * They are plausible shapes drawn from published patterns, not estimates.
 */
export interface OffenceProfile {
  /** Share of records with a personal victim (the rest: business, society or the state). */
  personalVictim: number;
  victimAge: AgeProfile;
  victimMale: number;
  hours: HourProfile;
  weekdays: WeekdayProfile;
  /** Share of records whose time is unknown: committed_from..committed_to spans a night. */
  timeUnknown: number;
  domesticAbuse: number;
  knife: number;
  firearm: number;
  hate: number;
  sexual: boolean;
  /** Share with a suspect identified, and share ending in a sanction detection (≤ suspect). */
  suspect: number;
  sanction: number;
  suspectAge: AgeProfile;
  locations: Readonly<Partial<Record<PoliceLocationType, number>>>;
}

const STREET: OffenceProfile['locations'] = {
  street: 0.5,
  dwelling: 0.2,
  retail: 0.1,
  licensed_premises: 0.05,
  public_transport: 0.1,
  other: 0.05,
};
const VIOLENCE_PLACES: OffenceProfile['locations'] = {
  street: 0.33,
  dwelling: 0.35,
  licensed_premises: 0.07,
  retail: 0.05,
  school_college: 0.03,
  public_transport: 0.05,
  park_open_space: 0.04,
  commercial: 0.05,
  other: 0.03,
};

const base: OffenceProfile = {
  personalVictim: 1,
  victimAge: 'adult',
  victimMale: 0.5,
  hours: 'daytime',
  weekdays: 'flat',
  timeUnknown: 0,
  domesticAbuse: 0,
  knife: 0,
  firearm: 0,
  hate: 0,
  sexual: false,
  suspect: 0.3,
  sanction: 0.05,
  suspectAge: 'general',
  locations: STREET,
};

const p = (over: Partial<OffenceProfile>): OffenceProfile => ({ ...base, ...over });

/** Profiles by Home Office aligned minor category (upper case, as the MPS spells them). */
export const OFFENCE_PROFILES: Readonly<Record<string, OffenceProfile>> = {
  HOMICIDE: p({
    victimAge: 'homicide',
    victimMale: 0.8,
    hours: 'night',
    weekdays: 'nightEconomy',
    domesticAbuse: 0.15,
    knife: 0.55,
    firearm: 0.08,
    suspect: 0.95,
    sanction: 0.75,
    suspectAge: 'violent',
    locations: { street: 0.5, dwelling: 0.4, other: 0.1 },
  }),
  'VIOLENCE WITH INJURY': p({
    victimAge: 'violence',
    victimMale: 0.55,
    hours: 'violence',
    weekdays: 'nightEconomy',
    domesticAbuse: 0.35,
    knife: 0.07,
    firearm: 0.003,
    hate: 0.02,
    suspect: 0.7,
    sanction: 0.11,
    suspectAge: 'violent',
    locations: VIOLENCE_PLACES,
  }),
  'VIOLENCE WITHOUT INJURY': p({
    victimAge: 'violence',
    victimMale: 0.48,
    hours: 'violence',
    weekdays: 'nightEconomy',
    domesticAbuse: 0.35,
    knife: 0.03,
    firearm: 0.003,
    hate: 0.04,
    suspect: 0.65,
    sanction: 0.08,
    suspectAge: 'violent',
    locations: VIOLENCE_PLACES,
  }),
  'STALKING AND HARASSMENT': p({
    victimAge: 'adult',
    victimMale: 0.35,
    hours: 'daytime',
    weekdays: 'flat',
    domesticAbuse: 0.4,
    hate: 0.05,
    suspect: 0.75,
    sanction: 0.07,
    suspectAge: 'violent',
    locations: { dwelling: 0.45, online: 0.3, street: 0.15, other: 0.1 },
  }),
  'DEATH SERIOUS INJURY ILLEGAL DRIVING': p({
    victimAge: 'adult',
    victimMale: 0.6,
    hours: 'robbery',
    suspect: 0.9,
    sanction: 0.5,
    locations: { street: 1 },
  }),
  RAPE: p({
    victimAge: 'sexual',
    victimMale: 0.1,
    hours: 'domestic',
    weekdays: 'domestic',
    domesticAbuse: 0.35,
    knife: 0.01,
    sexual: true,
    suspect: 0.7,
    sanction: 0.06,
    suspectAge: 'violent',
    locations: {
      dwelling: 0.6,
      street: 0.1,
      online: 0.05,
      licensed_premises: 0.05,
      park_open_space: 0.05,
      other: 0.15,
    },
  }),
  'OTHER SEXUAL OFFENCES': p({
    victimAge: 'sexual',
    victimMale: 0.15,
    hours: 'daytime',
    weekdays: 'flat',
    domesticAbuse: 0.15,
    sexual: true,
    suspect: 0.6,
    sanction: 0.09,
    suspectAge: 'violent',
    locations: {
      dwelling: 0.35,
      street: 0.2,
      online: 0.15,
      public_transport: 0.1,
      school_college: 0.05,
      licensed_premises: 0.05,
      other: 0.1,
    },
  }),
  'ROBBERY OF PERSONAL PROPERTY': p({
    victimAge: 'robbery',
    victimMale: 0.8,
    hours: 'robbery',
    weekdays: 'flat',
    knife: 0.25,
    firearm: 0.01,
    suspect: 0.3,
    sanction: 0.06,
    suspectAge: 'youngOffender',
    locations: {
      street: 0.72,
      public_transport: 0.08,
      park_open_space: 0.06,
      retail: 0.04,
      licensed_premises: 0.03,
      dwelling: 0.03,
      other: 0.04,
    },
  }),
  'ROBBERY OF BUSINESS PROPERTY': p({
    personalVictim: 0.5,
    victimAge: 'adult',
    victimMale: 0.6,
    hours: 'robbery',
    knife: 0.3,
    firearm: 0.02,
    suspect: 0.35,
    sanction: 0.12,
    suspectAge: 'youngOffender',
    locations: { retail: 0.7, commercial: 0.2, street: 0.1 },
  }),
  'RES BURGLARY OF A HOME': p({
    hours: 'propertyNight',
    timeUnknown: 0.45,
    suspect: 0.12,
    sanction: 0.04,
    locations: { dwelling: 1 },
  }),
  'DOMESTIC BURGLARY': p({
    hours: 'propertyNight',
    timeUnknown: 0.45,
    suspect: 0.12,
    sanction: 0.04,
    locations: { dwelling: 1 },
  }),
  'BURGLARY - RESIDENTIAL': p({
    hours: 'propertyNight',
    timeUnknown: 0.45,
    suspect: 0.12,
    sanction: 0.04,
    locations: { dwelling: 1 },
  }),
  'RES BURGLARY OF UNCONNECTED BUILDING': p({
    hours: 'propertyNight',
    timeUnknown: 0.5,
    suspect: 0.08,
    sanction: 0.03,
    locations: { dwelling: 0.9, other: 0.1 },
  }),
  'BURGLARY BUSINESS AND COMMUNITY': p({
    personalVictim: 0,
    hours: 'propertyNight',
    timeUnknown: 0.5,
    suspect: 0.15,
    sanction: 0.06,
    locations: { commercial: 0.6, retail: 0.3, school_college: 0.05, other: 0.05 },
  }),
  'THEFT FROM THE PERSON': p({
    victimAge: 'theftPerson',
    hours: 'daytime',
    weekdays: 'nightEconomy',
    suspect: 0.05,
    sanction: 0.01,
    locations: { street: 0.5, public_transport: 0.25, licensed_premises: 0.1, retail: 0.1, other: 0.05 },
  }),
  'OTHER THEFT': p({
    personalVictim: 0.7,
    hours: 'daytime',
    weekdays: 'retail',
    timeUnknown: 0.2,
    suspect: 0.08,
    sanction: 0.03,
    locations: {
      street: 0.3,
      commercial: 0.2,
      retail: 0.15,
      dwelling: 0.15,
      licensed_premises: 0.05,
      public_transport: 0.05,
      other: 0.1,
    },
  }),
  SHOPLIFTING: p({
    personalVictim: 0,
    hours: 'daytime',
    weekdays: 'retail',
    suspect: 0.45,
    sanction: 0.18,
    locations: { retail: 1 },
  }),
  'BICYCLE THEFT': p({
    personalVictim: 0.9,
    hours: 'daytime',
    timeUnknown: 0.4,
    suspect: 0.04,
    sanction: 0.01,
    locations: { street: 0.7, dwelling: 0.15, commercial: 0.1, other: 0.05 },
  }),
  'THEFT FROM A VEHICLE': p({
    personalVictim: 0.9,
    hours: 'propertyNight',
    timeUnknown: 0.5,
    suspect: 0.06,
    sanction: 0.02,
    locations: { street: 0.8, dwelling: 0.1, other: 0.1 },
  }),
  'THEFT OR UNAUTH TAKING OF A MOTOR VEH': p({
    personalVictim: 0.9,
    hours: 'propertyNight',
    timeUnknown: 0.5,
    suspect: 0.06,
    sanction: 0.02,
    locations: { street: 0.8, dwelling: 0.1, other: 0.1 },
  }),
  'INTERFERING WITH A MOTOR VEHICLE': p({
    personalVictim: 0.9,
    hours: 'propertyNight',
    timeUnknown: 0.5,
    suspect: 0.06,
    sanction: 0.02,
    locations: { street: 0.9, other: 0.1 },
  }),
  'AGGRAVATED VEHICLE TAKING': p({
    personalVictim: 0.9,
    hours: 'propertyNight',
    suspect: 0.5,
    sanction: 0.3,
    locations: { street: 1 },
  }),
  'CRIMINAL DAMAGE': p({
    personalVictim: 0.6,
    hours: 'propertyNight',
    timeUnknown: 0.3,
    domesticAbuse: 0.1,
    hate: 0.01,
    suspect: 0.25,
    sanction: 0.06,
    locations: { dwelling: 0.4, street: 0.25, vehicle: 0.2, commercial: 0.1, other: 0.05 },
  }),
  ARSON: p({
    personalVictim: 0.6,
    hours: 'propertyNight',
    timeUnknown: 0.2,
    domesticAbuse: 0.05,
    suspect: 0.2,
    sanction: 0.05,
    locations: { dwelling: 0.4, street: 0.3, vehicle: 0.2, other: 0.1 },
  }),
  'PUBLIC FEAR ALARM OR DISTRESS': p({
    personalVictim: 0.7,
    victimAge: 'violence',
    hours: 'violence',
    weekdays: 'nightEconomy',
    domesticAbuse: 0.05,
    hate: 0.06,
    suspect: 0.5,
    sanction: 0.12,
    suspectAge: 'violent',
    locations: STREET,
  }),
  'OTHER OFFENCES PUBLIC ORDER': p({
    personalVictim: 0.3,
    hours: 'violence',
    weekdays: 'nightEconomy',
    suspect: 0.5,
    sanction: 0.12,
    locations: STREET,
  }),
  'RACE OR RELIGIOUS AGG PUBLIC FEAR': p({
    victimAge: 'violence',
    hours: 'daytime',
    weekdays: 'flat',
    hate: 1,
    suspect: 0.55,
    sanction: 0.12,
    suspectAge: 'violent',
    locations: STREET,
  }),
  'VIOLENT DISORDER': p({
    personalVictim: 0.5,
    victimAge: 'violence',
    victimMale: 0.75,
    hours: 'night',
    weekdays: 'nightEconomy',
    knife: 0.1,
    suspect: 0.6,
    sanction: 0.2,
    suspectAge: 'youngOffender',
    locations: STREET,
  }),
  'POSSESSION OF WEAPONS': p({
    personalVictim: 0,
    hours: 'proactive',
    knife: 0.5,
    firearm: 0.05,
    suspect: 0.97,
    sanction: 0.65,
    suspectAge: 'youngOffender',
    locations: { street: 0.75, vehicle: 0.1, dwelling: 0.05, park_open_space: 0.05, other: 0.05 },
  }),
  'POSSESSION OF DRUGS': p({
    personalVictim: 0,
    hours: 'proactive',
    suspect: 0.98,
    sanction: 0.75,
    suspectAge: 'drugs',
    locations: { street: 0.75, vehicle: 0.1, dwelling: 0.05, park_open_space: 0.05, other: 0.05 },
  }),
  'TRAFFICKING OF DRUGS': p({
    personalVictim: 0,
    hours: 'proactive',
    knife: 0.03,
    suspect: 0.97,
    sanction: 0.55,
    suspectAge: 'drugs',
    locations: { street: 0.65, vehicle: 0.15, dwelling: 0.15, other: 0.05 },
  }),
  'MISC CRIMES AGAINST SOCIETY': p({
    personalVictim: 0.2,
    suspect: 0.6,
    sanction: 0.2,
    locations: { other: 0.5, dwelling: 0.2, commercial: 0.2, online: 0.1 },
  }),
  'FRAUD AND FORGERY': p({
    personalVictim: 0.7,
    suspect: 0.2,
    sanction: 0.05,
    locations: { other: 0.5, dwelling: 0.2, commercial: 0.2, online: 0.1 },
  }),
  NFIB: p({ personalVictim: 0.7, suspect: 0.2, sanction: 0.05, locations: { online: 0.6, dwelling: 0.2, other: 0.2 } }),
};

/** Used for a category the table above does not name: a plain adult, daytime profile. */
export const DEFAULT_PROFILE: OffenceProfile = base;

/** Hate-crime strands, in the proportions recorded nationally (race the great majority). */
export const HATE_STRAND_WEIGHTS: Readonly<Record<HateStrand, number>> = {
  race: 0.72,
  religion: 0.1,
  sexual_orientation: 0.1,
  disability: 0.03,
  transgender: 0.03,
  multiple: 0.02,
};

/** Where domestic abuse happens, whatever the offence. */
export const DOMESTIC_LOCATIONS: OffenceProfile['locations'] = { dwelling: 0.85, street: 0.1, other: 0.05 };

/** Where offences against under-18 victims happen (not domestic abuse). */
export const YOUTH_LOCATIONS: OffenceProfile['locations'] = {
  street: 0.45,
  school_college: 0.15,
  park_open_space: 0.1,
  public_transport: 0.1,
  dwelling: 0.12,
  retail: 0.05,
  other: 0.03,
};
