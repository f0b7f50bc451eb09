import { describe, expect, it } from 'vitest';
import { readWithProfile, type Profile } from '../../holdings/reader.ts';
import { fileError, textDoc } from '../support/parsers.ts';

/**
 * The one reader's member-list mode, declared by a profile (the Yomiuri 333's, here with a
 * three-member index so that it runs without ../shared): no weight column, each member weighing
 * the same by the index's rule, a member listed twice counted once.
 */
const PROFILE: Profile = {
  format: 'test-members',
  issuer: 'Unknown',
  kind: 'a test member list',
  scale: 100,
  header: 'the member list header',
  noDate: 'the list prints no date',
  nameRequired: 'name and ticker',
  memberList: { count: 3, index: 'the Test 3' },
  classify: () => ({ reason: null, assetClass: '' }),
  notes: () => [],
};
const read = (text: string) => readWithProfile(textDoc('members.csv', text), 'TEST3', PROFILE);

describe('a member list with no weights, equal by the index rule', () => {
  it('weighs each of the three members 1/3, a repeated member once, and says the weights are equal by rule', () => {
    const h = read('Theme,Code,Name\nchips,8035,Tokyo Electron\ncars,7203,Toyota Motor\nchips,6857,Advantest\nexport,7203,Toyota Motor\n');
    expect(h.positions.map((p) => p.ticker).sort()).toEqual(['6857', '7203', '8035']);
    expect(h.positions.map((p) => p.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(h).toMatchObject({ weightBasis: 'equal', weighting: 'equal', asOf: { date: null, reason: 'the list prints no date' } });
    expect(h.positions.find((p) => p.ticker === '7203')!.reportedWeight).toBeNull();
    expect(h.notes).toContain('Equal weights: each of the 3 members is 1/3 (33.33%), as the index rule sets them; nothing printed is used.');
  });

  it('refuses a list with another count of members, one member under two names, and a printed weight column', () => {
    expect(fileError(() => read('Code,Name\n8035,Tokyo Electron\n7203,Toyota Motor\n')).message).toBe('members.csv, line 1: expected 3 distinct security codes under the header (the Test 3 has 3 members); found "2"');
    expect(fileError(() => read('Code,Name\n8035,Tokyo Electron\n7203,Toyota Motor\n6857,Advantest\n7203,Toyota\n')).message).toBe('members.csv, line 5: expected the name line 3 gives code 7203 (Toyota Motor); found "Toyota"');
    expect(fileError(() => read('Code,Name,Weight\n8035,Tokyo Electron,40\n7203,Toyota Motor,30\n6857,Advantest,30\n')).message).toBe(
      'members.csv, line 1: expected a member list without weights (the Test 3 weighs its members by rule); found "a weight column (Weight) among Code, Name, Weight"',
    );
  });
});
