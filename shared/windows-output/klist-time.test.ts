/**
 * klist times (reference §6.1: "Date format follows the user locale … parse loosely") read as
 * comparable local times, with both day/month readings where the text allows both.
 */
import { describe, expect, it } from 'vitest';
import { klistTimeBefore, klistTimeReadings, localTimeText } from './klist-time.js';

describe('klistTimeReadings', () => {
  it.each([
    [
      '11/28/2022 1:28:11 (local)',
      ['2022-11-28T01:28:11'],
      false,
      'the Microsoft sample: only month/day is a date',
    ],
    [
      '13/10/2022 06.28.43',
      ['2022-10-13T06:28:43'],
      false,
      'the day-first capture of §6.1, dots in the time',
    ],
    ['11/10/2022 06:28:43 (local)', ['2022-10-11T06:28:43', '2022-11-10T06:28:43'], true, 'both readings'],
    ['5/5/2022 7:00:00', ['2022-05-05T07:00:00'], false, 'the same day either way'],
    ['2022-11-28 01:28:11', ['2022-11-28T01:28:11'], false, 'year first'],
    ['11/28/2022 1:28:11 PM', ['2022-11-28T13:28:11'], false, 'a 12-hour clock'],
    ['28.11.22 01:28', ['2022-11-28T01:28:00'], false, 'a two-digit year, no seconds'],
  ])('%s', (printed, readings, ambiguous) => {
    expect(klistTimeReadings(printed)).toEqual({ readings, ambiguous });
  });

  it.each(['', 'unknown', '31/31/2022 1:00:00', '2/30/2022 1:00:00', '11/28/2022 25:00:00'])(
    'no reading of %j',
    (printed) => {
      expect(klistTimeReadings(printed).readings).toEqual([]);
    },
  );
});

describe('klistTimeBefore', () => {
  const change = '2022-11-28T08:15:00';
  it('conclusive when every reading agrees, null when they do not or there is none', () => {
    expect(klistTimeBefore('11/28/2022 7:40:12 (local)', change)).toBe(true);
    expect(klistTimeBefore('11/28/2022 9:30:00 (local)', change)).toBe(false);
    expect(klistTimeBefore('11/28/2022 8:15:00 (local)', change)).toBe(false);
    // 12/11/2022 is December 11th or November 12th: both after November 1st, both sides of November 28th
    expect(klistTimeBefore('12/11/2022 1:00:00', '2022-11-01T00:00:00')).toBe(false);
    expect(klistTimeBefore('12/11/2022 1:00:00', change)).toBeNull();
    // 1/12/2022 is January 12th or December 1st: one before, one after the change
    expect(klistTimeBefore('1/12/2022 1:00:00', '2022-06-01T00:00:00')).toBeNull();
    expect(klistTimeBefore('garbage', change)).toBeNull();
  });
});

describe('localTimeText', () => {
  it('normalises the host form and refuses anything else', () => {
    expect(localTimeText('2022-11-28T08:15')).toBe('2022-11-28T08:15:00');
    expect(localTimeText('2022-11-28T08:15:00')).toBe('2022-11-28T08:15:00');
    expect(localTimeText('2022-13-28T08:15:00')).toBeNull();
    expect(localTimeText('yesterday')).toBeNull();
  });
});
