import { describe, expect, test } from '@jest/globals';
import { hireContact, roundedPlace } from './shift-visibility.js';

describe('what the employer and the public see of a shift', () => {
  const ended = new Date('2026-03-01T10:00:00Z');
  const at = (days: number) => new Date(ended.getTime() + days * 86_400_000);

  test('a live or completed hire shows name and phone until the set days after the shift ended', () => {
    const hire = { status: 'completed', name: '王师傅', phone: '13912345678' };
    expect(hireContact(hire, ended, at(6.9), 7)).toEqual({ name: '王师傅', phone: '13912345678' });
    expect(hireContact(hire, ended, at(7.1), 7)).toEqual({ name: null, phone: null });
  });

  test('cancelled and no-show hires show neither', () => {
    for (const status of ['cancelled', 'no_show']) {
      expect(hireContact({ status, name: '王师傅', phone: '13912345678' }, ended, at(-1), 7)).toEqual({ name: null, phone: null });
    }
  });

  test('a walk-in without a phone (placeholder) and a deleted account show no phone', () => {
    expect(hireContact({ status: 'hired', name: '李大爷', phone: 'walkin:3f2a9c1e-0000-4000-8000-000000000000' }, ended, at(-1), 7)).toEqual({
      name: '李大爷',
      phone: null,
    });
    expect(hireContact({ status: 'completed', name: '已注销用户 abc', phone: 'deleted:x' }, ended, at(0), 7).phone).toBeNull();
  });

  test('public places are rounded to three decimals (about 100 m)', () => {
    expect(roundedPlace({ lat: 36.061234, lng: 103.845678 })).toEqual({ lat: 36.061, lng: 103.846 });
  });
});
