import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AccountView, Role } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PrismaClient } from '../database/prisma.js';
import { AccountsReader, type SignedInToken } from './accounts.reader.js';
import { SMS_DRIVER, type SmsDriver } from './sms.js';
import { TokenService } from './tokens.js';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_WRONG_TRIES = 5;
export const RESEND_AFTER_MS = 30_000;
export const MAX_CODES_PER_HOUR = 5;

/** Sign-in by phone number and a one-time code. */
@Injectable()
export class LoginService {
  private readonly secret: string;
  private readonly staffTtlMs: number;

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
  }

  async requestCode(phone: string, now = new Date()): Promise<string> {
    const recent = await this.prisma.loginCode.findMany({
      where: { phone, createdAt: { gt: new Date(now.getTime() - 3600_000) } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    if (recent.length >= MAX_CODES_PER_HOUR) throw new AppError('RATE_LIMITED');
    if (recent[0] && now.getTime() - recent[0].createdAt.getTime() < RESEND_AFTER_MS) throw new AppError('RATE_LIMITED');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.prisma.loginCode.create({
      data: { phone, codeHash: this.hash(phone, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now },
    });
    await this.sms.sendLoginCode(phone, code);
    return code;
  }

  async login(phone: string, code: string, now = new Date()): Promise<{ token: string; account: AccountView }> {
    const latest = await this.prisma.loginCode.findFirst({
      where: { phone, consumedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    if (!latest) throw new AppError('CODE_INVALID');
    if (latest.attempts >= MAX_WRONG_TRIES) throw new AppError('CODE_LOCKED');
    if (latest.expiresAt <= now) throw new AppError('CODE_EXPIRED');
    if (!this.matches(latest.codeHash, this.hash(phone, code))) {
      const { attempts } = await this.prisma.loginCode.update({ where: { id: latest.id }, data: { attempts: { increment: 1 } } });
      throw new AppError(attempts >= MAX_WRONG_TRIES ? 'CODE_LOCKED' : 'CODE_INVALID');
    }
    const consumed = await this.prisma.loginCode.updateMany({ where: { id: latest.id, consumedAt: null }, data: { consumedAt: now } });
    if (consumed.count !== 1) throw new AppError('CODE_INVALID');
    const { id, tokenGeneration } = await this.prisma.account.upsert({ where: { phone }, create: { phone, roles: [] }, update: {} });
    await this.access.bootstrap(id, phone);
    const account = await this.accountView(id);
    const ttlMs = account.scopes.length ? this.staffTtlMs : undefined;
    return { token: this.tokens.sign(id, { generation: tokenGeneration, ttlMs }), account };
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

  private matches(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
