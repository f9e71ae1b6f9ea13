import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { ChainVerifier, entryHash, GENESIS_HASH, ledgerActor, ledgerData, type StoredEntry } from './ledger-chain.js';

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const e = {
      seq,
      at: new Date(Date.UTC(2026, 11, 7, 1, seq)).toISOString(),
      type: 'case_opened',
      actor: 'a1',
      subject: `c${seq}`,
      data: { kind: 'dispute' },
    };
    const hash = entryHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('ledger hash chain', () => {
  test('the hash is exactly the protocol’s: sha256(prevHash + "\\n" + JSON.stringify({ seq, at, type, actor, subject, data }))', () => {
    const e = {
      seq: 1,
      at: '2026-12-07T01:00:00.000Z',
      type: 'shift_posted',
      actor: 'acc-1',
      subject: 'shift-1',
      data: { headcount: 2, trade: 'mason' },
    };
    const text = `${GENESIS_HASH}\n{"seq":1,"at":"2026-12-07T01:00:00.000Z","type":"shift_posted","actor":"acc-1","subject":"shift-1","data":{"headcount":2,"trade":"mason"}}`;
    expect(entryHash(GENESIS_HASH, e)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(entryHash(GENESIS_HASH, e)).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  test('a sound chain verifies; its count is the number of entries', () => {
    const v = new ChainVerifier();
    for (const e of chain(5)) v.push(e);
    v.finish(5);
    expect(v.firstBroken).toBeNull();
    expect(v.count).toBe(5);
  });

  test('a changed entry, a re-hashed entry and a removed entry are each found where they are', () => {
    const tampered = chain(5);
    tampered[2] = { ...tampered[2], data: { kind: 'wage_arrears' } };
    const v1 = new ChainVerifier();
    tampered.forEach((e) => v1.push(e));
    expect(v1.firstBroken).toBe(3);

    // Re-hashing the changed entry breaks the next one's prevHash.
    const rehashed = chain(5);
    const e3 = { ...rehashed[2], data: { kind: 'wage_arrears' } };
    rehashed[2] = { ...e3, hash: entryHash(e3.prevHash, e3) };
    const v2 = new ChainVerifier();
    rehashed.forEach((e) => v2.push(e));
    expect(v2.firstBroken).toBe(4);

    const gap = chain(5).filter((e) => e.seq !== 2);
    const v3 = new ChainVerifier();
    gap.forEach((e) => v3.push(e));
    expect(v3.firstBroken).toBe(2);

    const truncated = new ChainVerifier();
    chain(3).forEach((e) => truncated.push(e));
    truncated.finish(5);
    expect(truncated.firstBroken).toBe(4);
  });

  test('data never holds a phone number, and its keys are sorted', () => {
    const data = ledgerData({
      z: 1,
      phone: '13912345678',
      note: '请回电 13912345678 或 +86 13800001111',
      nested: { contactPhone: '139', b: ['15012345678'] },
    });
    expect(JSON.stringify(data)).not.toMatch(/1[3-9]\d{9}/);
    expect(Object.keys(data)).toEqual(['nested', 'note', 'z']);
    expect(data.note).toBe('请回电 *********** 或 ***********');
    expect(ledgerActor('13912345678')).toBe('system');
    expect(ledgerActor(null)).toBe('system');
    expect(ledgerActor('6c1c4d7e-0000-4000-8000-000000000001')).toBe('6c1c4d7e-0000-4000-8000-000000000001');
  });

  test('an account id whose last group holds eleven digits starting with 1 is an id, not a phone', () => {
    // Seen in a run: 47b9801a-1907-4ab0-ad79-14405440943d was logged as "system" and the shift's data lost its id.
    const id = '47b9801a-1907-4ab0-ad79-14405440943d';
    expect(ledgerActor(id)).toBe(id);
    expect(ledgerData({ shiftId: id, workerId: `x-${'13912345678'}0` })).toEqual({ shiftId: id, workerId: 'x-139123456780' });
    expect(ledgerActor('not-an-id')).toBe('system');
  });
});
