import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AccountView, Role } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { AppError, RateLimited } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PrismaClient } from '../database/prisma.js';
import { AccountsReader, type SignedInToken } from './accounts.reader.js';
import { SMS_DRIVER, type SmsDriver } from './sms.js';
import { TokenService } from './tokens.js';

export const CODE_TTL_MS = 5 * 60_000;
export const RESEND_AFTER_MS = 30_000;
/** Wrong guesses count against a phone for this long (the per-phone brake); the retention job deletes them after a day. */
const FAILURE_WINDOW_MS = 3600_000;

/**
 * Sign-in by phone number and a one-time code. Nobody can block sign-in for another person's phone: a new
 * code never cancels the ones already sent (each stays good for its 5 minutes), wrong guesses lock out the
 * (phone, address) that made them and not the phone, and the per-phone brake on guessing from many
 * addresses never holds back an address that asked for one of the phone's live codes.
 */
@Injectable()
export class LoginService {
  private readonly secret: string;
  private readonly staffTtlMs: number;
  private readonly limits: AppConfig['limits'];

  constructor(
    private readonly prisma: PrismaClient,
    @Inject(SMS_DRIVER) private readonly sms: SmsDriver,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly access: AccessService,
    private readonly accounts: AccountsReader,
  ) {
    this.secret = config.authSecret;
    this.staffTtlMs = config.staffTokenTtlHours * 3600_000;
    this.limits = config.limits;
  }

  /**
   * Sends a code unless the last one went under 30 s ago or the phone already holds `codesPerPhone` live
   * codes: a refusal always leaves the owner a good code on the phone.
   */
  async requestCode(phone: string, address: string, now = new Date()): Promise<string> {
    const live = await this.prisma.loginCode.findMany({
      where: { phone, consumedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true, expiresAt: true },
    });
    const sinceLast = live[0] ? now.getTime() - live[0].createdAt.getTime() : Infinity;
    if (sinceLast < RESEND_AFTER_MS) throw new RateLimited(RESEND_AFTER_MS - sinceLast);
    if (live.length >= this.limits.codesPerPhone) throw new RateLimited(live.at(-1)!.expiresAt.getTime() - now.getTime());
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.prisma.loginCode.create({
      data: {
        phone,
        codeHash: this.hash(phone, code),
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        createdAt: now,
        requestedFrom: this.addressHash(address),
      },
    });
    await this.sms.sendLoginCode(phone, code);
    return code;
  }

  async login(phone: string, code: string, address: string, now = new Date()): Promise<{ token: string; account: AccountView }> {
    const from = this.addressHash(address);
    await this.checkLockout(phone, from, now);
    const live = await this.prisma.loginCode.findMany({
      where: { phone, consumedAt: null, expiresAt: { gt: now } },
      select: { id: true, codeHash: true, requestedFrom: true },
    });
    const match = live.find((c) => this.matches(c.codeHash, this.hash(phone, code)));
    if (!match) return this.wrongGuess(phone, from, live.length > 0, now);
    const consumed = await this.prisma.loginCode.updateMany({ where: { id: match.id, consumedAt: null }, data: { consumedAt: now } });
    if (consumed.count !== 1) throw new AppError('CODE_INVALID');
    const { id, tokenGeneration } = await this.prisma.account.upsert({ where: { phone }, create: { phone, roles: [] }, update: {} });
    await this.access.bootstrap(id, phone);
    const account = await this.accountView(id);
    const ttlMs = account.scopes.length ? this.staffTtlMs : undefined;
    return { token: this.tokens.sign(id, { generation: tokenGeneration, ttlMs }), account };
  }

  /** CODE_LOCKED for an address that guessed wrong too often for this phone; 429 once the phone's brake is on. */
  private async checkLockout(phone: string, from: string, now: Date): Promise<void> {
    const failures = await this.prisma.loginFailure.findMany({
      where: { phone, at: { gt: new Date(now.getTime() - FAILURE_WINDOW_MS) } },
      select: { addressHash: true, at: true },
      orderBy: { at: 'asc' },
    });
    const recentHere = failures.filter((f) => f.addressHash === from && f.at.getTime() > now.getTime() - CODE_TTL_MS);
    if (recentHere.length >= this.limits.wrongTriesPerAddress) throw new AppError('CODE_LOCKED');
    if (failures.length < this.limits.wrongTriesPerPhone) return;
    const askedHere = await this.prisma.loginCode.count({
      where: { phone, consumedAt: null, expiresAt: { gt: now }, requestedFrom: from },
    });
    if (!askedHere) throw new RateLimited(failures[0].at.getTime() + FAILURE_WINDOW_MS - now.getTime());
  }

  private async wrongGuess(phone: string, from: string, anyLive: boolean, now: Date): Promise<never> {
    if (!anyLive) {
      const expired = await this.prisma.loginCode.count({ where: { phone, consumedAt: null, expiresAt: { lte: now } } });
      throw new AppError(expired ? 'CODE_EXPIRED' : 'CODE_INVALID');
    }
    await this.prisma.loginFailure.create({ data: { phone, addressHash: from, at: now } });
    const here = await this.prisma.loginFailure.count({
      where: { phone, addressHash: from, at: { gt: new Date(now.getTime() - CODE_TTL_MS) } },
    });
    throw new AppError(here >= this.limits.wrongTriesPerAddress ? 'CODE_LOCKED' : 'CODE_INVALID');
  }

  /** Sign-out: this token is refused from now on (kept until it would have expired). */
  async logout(accountId: string, token: SignedInToken): Promise<void> {
    await this.prisma.revokedToken.createMany({ data: [{ jti: token.jti, accountId, expiresAt: token.expiresAt }], skipDuplicates: true });
    this.accounts.revoked(token.jti);
  }

  /** Sign out everywhere: every token signed before now is refused. */
  async logoutAll(accountId: string): Promise<void> {
    await this.prisma.account.update({ where: { id: accountId }, data: { tokenGeneration: { increment: 1 } } });
    this.accounts.forget(accountId);
  }

  /** The account with its roles and scopes, as sign-in and `GET /api/auth/me` show it. */
  async accountView(id: string): Promise<AccountView> {
    const row = await this.prisma.account.findUniqueOrThrow({ where: { id }, select: { id: true, phone: true, roles: true } });
    return { id: row.id, phone: row.phone, roles: row.roles as Role[], scopes: await this.access.scopesOf(id) };
  }

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.secret).update(`${phone}:${code}`).digest('hex');
  }

  /** Addresses are kept only as a keyed hash: enough to tell one from another, not to read it back. */
  private addressHash(address: string): string {
    return createHmac('sha256', this.secret).update(`address:${address}`).digest('hex').slice(0, 32);
  }

  private matches(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
