import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openDatabase, type Database } from '../database/database.js';
import { AccountsReader } from './accounts.reader.js';
import { TokenService } from './tokens.js';

let database: Database;
const tokens = new TokenService('accounts-reader-spec-secret-accounts-reader', 1);

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe('AccountsReader', () => {
  test('a token of an account that does not exist, or no token, is nobody', async () => {
    const reader = new AccountsReader(database.prisma, tokens);
    expect(await reader.fromToken(tokens.sign('nobody'))).toBeUndefined();
    expect(await reader.fromToken(undefined)).toBeUndefined();
  });

  test('a remembered account is read again when it lacks the role asked for: a role added elsewhere is found', async () => {
    const reader = new AccountsReader(database.prisma, tokens);
    const { id } = await database.prisma.account.create({ data: { phone: '13800000001', roles: ['worker'] } });
    const token = tokens.sign(id);
    expect(await reader.fromToken(token, ['worker'])).toEqual({ id, phone: '13800000001', roles: ['worker'] });

    // Another instance (here: the database directly) registers the same phone as an employer.
    await database.prisma.account.update({ where: { id }, data: { roles: { push: 'employer' } } });
    expect((await reader.fromToken(token, ['worker']))?.roles).toEqual(['worker']);
    expect((await reader.fromToken(token, ['employer']))?.roles).toEqual(['worker', 'employer']);
    expect((await reader.fromToken(token, ['worker']))?.roles).toEqual(['worker', 'employer']);
  });

  test('requests remember the account for a while; socket handshakes, once per connection, do not', async () => {
    const reader = new AccountsReader(database.prisma, tokens);
    const { id } = await database.prisma.account.create({ data: { phone: '13800000002', roles: ['worker'] } });
    const token = tokens.sign(id);
    expect(await reader.fromHandshake(token, ['worker'])).toMatchObject({ id });
    await database.prisma.account.update({ where: { id }, data: { phone: '13800000003' } });
    expect((await reader.fromHandshake(token, ['worker']))?.phone).toBe('13800000003');
    expect((await reader.fromToken(token, ['worker']))?.phone).toBe('13800000003');
    await database.prisma.account.update({ where: { id }, data: { phone: '13800000004' } });
    expect((await reader.fromToken(token, ['worker']))?.phone).toBe('13800000003');
    expect((await reader.fromHandshake(token, ['worker']))?.phone).toBe('13800000003');
  });

  test('a revoked token is refused at once here and by another instance (read from the database); others are not', async () => {
    const here = new AccountsReader(database.prisma, tokens);
    const elsewhere = new AccountsReader(database.prisma, tokens);
    const { id } = await database.prisma.account.create({ data: { phone: '13800000005', roles: ['worker'] } });
    const [signedOut, kept] = [tokens.sign(id), tokens.sign(id)];
    expect(await here.fromToken(signedOut)).toMatchObject({ id });
    const { jti, expiresAt } = here.tokenOf(signedOut)!;
    await database.prisma.revokedToken.create({ data: { jti, accountId: id, expiresAt } });
    here.revoked(jti);
    expect(await here.fromToken(signedOut)).toBeUndefined();
    expect(await elsewhere.fromToken(signedOut)).toBeUndefined();
    expect(await elsewhere.fromHandshake(signedOut, ['worker'])).toBeUndefined();
    expect(await here.fromToken(kept)).toMatchObject({ id });
  });

  test('tokens of an older generation are refused (sign out everywhere); a new one is accepted', async () => {
    const reader = new AccountsReader(database.prisma, tokens);
    const { id } = await database.prisma.account.create({ data: { phone: '13800000006', roles: ['worker'] } });
    const old = tokens.sign(id);
    expect(await reader.fromToken(old)).toMatchObject({ id });
    await database.prisma.account.update({ where: { id }, data: { tokenGeneration: { increment: 1 } } });
    reader.forget(id);
    expect(await reader.fromToken(old)).toBeUndefined();
    expect(await new AccountsReader(database.prisma, tokens).fromHandshake(old, ['worker'])).toBeUndefined();
    expect(await reader.fromToken(tokens.sign(id, { generation: 1 }))).toMatchObject({ id });
  });
});
