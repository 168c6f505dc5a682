import { describe, expect, it } from 'vitest';
import { listChoices, matchChoice, normaliseChoice, ROLE_CHOICES, roleLabel, type Choice } from './choices.ts';

// The agencies as migration 0006 creates them (code, name).
const AGENCIES: Choice[] = [
  { code: 'police', label: 'Police' },
  { code: 'local_authority', label: 'Local authority' },
  { code: 'health', label: 'Health' },
  { code: 'probation', label: 'Probation' },
  { code: 'youth_justice', label: 'Youth justice' },
  { code: 'fire', label: 'Fire and rescue' },
  { code: 'vcs', label: 'Voluntary and community sector' },
];

describe('normaliseChoice', () => {
  it('lower-cases and makes each run of spaces, hyphens and underscores one space', () => {
    expect(normaliseChoice('Local authority')).toBe('local authority');
    expect(normaliseChoice('LOCAL_AUTHORITY')).toBe('local authority');
    expect(normaliseChoice('  local - _authority ')).toBe('local authority');
    expect(normaliseChoice('_police_')).toBe('police');
  });
});

describe('matchChoice', () => {
  it.each([
    ['local_authority', 'local_authority'],
    ['Local authority', 'local_authority'],
    ['local-authority', 'local_authority'],
    ['LOCAL AUTHORITY', 'local_authority'],
    [' Local  Authority ', 'local_authority'],
    ['fire', 'fire'],
    ['Fire and rescue', 'fire'],
    ['fire-and-rescue', 'fire'],
    ['VCS', 'vcs'],
    ['voluntary and community sector', 'vcs'],
    ['Youth-Justice', 'youth_justice'],
  ])('finds the agency %j as %j', (input, code) => {
    expect(matchChoice(input, AGENCIES)).toBe(code);
  });

  it.each([['nasa'], ['local'], ['fire rescue'], ['localauthority'], [''], ['   '], ['_-_']])(
    'finds no agency for %j',
    (input) => {
      expect(matchChoice(input, AGENCIES)).toBeUndefined();
    },
  );

  it("prefers a code over another choice's label, and refuses a label two choices share", () => {
    const choices: Choice[] = [
      { code: 'fire', label: 'Fire service' },
      { code: 'brigade', label: 'Fire' },
      { code: 'a', label: 'Same name' },
      { code: 'b', label: 'same-name' },
    ];
    expect(matchChoice('Fire', choices)).toBe('fire');
    expect(matchChoice('fire service', choices)).toBe('fire');
    expect(matchChoice('brigade', choices)).toBe('brigade');
    expect(matchChoice('same name', choices)).toBeUndefined();
  });

  it.each([
    ['Partnership manager', 'partnership_manager'],
    ['partnership-manager', 'partnership_manager'],
    ['PARTNERSHIP_MANAGER', 'partnership_manager'],
    ['Data owner', 'data_owner'],
    ['administrator', 'administrator'],
    ['Viewer', 'viewer'],
  ])('finds the role %j as %j', (input, code) => {
    expect(matchChoice(input, ROLE_CHOICES)).toBe(code);
  });

  it.each([['king'], ['admin'], ['partnership']])('finds no role for %j', (input) => {
    expect(matchChoice(input, ROLE_CHOICES)).toBeUndefined();
  });
});

describe('roles and their names', () => {
  it('names each role as pages show it', () => {
    expect(roleLabel('partnership_manager')).toBe('Partnership manager');
    expect(ROLE_CHOICES).toEqual([
      { code: 'viewer', label: 'Viewer' },
      { code: 'analyst', label: 'Analyst' },
      { code: 'partnership_manager', label: 'Partnership manager' },
      { code: 'data_owner', label: 'Data owner' },
      { code: 'administrator', label: 'Administrator' },
    ]);
  });

  it('lists codes with their names', () => {
    expect(listChoices(ROLE_CHOICES)).toBe(
      'viewer (Viewer), analyst (Analyst), partnership_manager (Partnership manager), data_owner (Data owner), administrator (Administrator)',
    );
    expect(listChoices(AGENCIES.slice(0, 2))).toBe('police (Police), local_authority (Local authority)');
  });
});
