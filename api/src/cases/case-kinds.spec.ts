import { describe, expect, test } from '@jest/globals';
import { CASE_KINDS } from '@linggong/protocol';
import { ConfigError } from '../config/config.js';
import { CaseKinds } from './case-kinds.js';

describe('case kinds (一次性告知 and 限时办结)', () => {
  const kinds = new CaseKinds();

  test('every kind has a full checklist in both languages, item for item', () => {
    expect(kinds.all().map((k) => k.kind)).toEqual([...CASE_KINDS]);
    for (const k of kinds.all()) {
      expect(k.checklist.length).toBeGreaterThanOrEqual(4);
      expect(k.checklistEn).toHaveLength(k.checklist.length);
      for (const item of [...k.checklist, ...k.checklistEn]) expect(item.trim().length).toBeGreaterThan(5);
      expect(k.name).toMatch(/\p{Script=Han}/u);
    }
  });

  test('wage arrears asks for everything the domain notes list: identity, contact, employer, proof, the claim, help writing', () => {
    const text = kinds.info('wage_arrears').checklist.join('\n');
    for (const word of [
      '身份证件',
      '联系电话',
      '用工单位',
      '负责人',
      '考勤',
      '转账记录',
      '聊天记录',
      '证人',
      '欠薪金额',
      '工作天数',
      '代写',
      '签字',
    ])
      expect(text).toContain(word);
    // Our own records of the hire are the proof, attached for the worker.
    expect(text).toContain('签到签退');
  });

  test('default time limits, and overrides from configuration', () => {
    expect(CASE_KINDS.map((k) => kinds.timeLimitDays(k))).toEqual([1, 5, 5, 5, 3]);
    const configured = new CaseKinds({ injury: 2, consultation: 2 });
    expect(configured.info('injury').timeLimitDays).toBe(2);
    expect(configured.timeLimitDays('complaint')).toBe(5);
  });

  test('an unknown kind or an impossible limit stops start-up', () => {
    expect(() => new CaseKinds({ theft: 3 })).toThrow(ConfigError);
    expect(() => new CaseKinds({ injury: 0 })).toThrow(/1 to 60/);
  });
});
