import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@linggong/protocol';
import type { Request } from 'express';
import { AppError } from '../common/errors.js';
import { AccountsReader, type SignedInAccount } from './accounts.reader.js';

const ROLES = 'linggong:roles';
const OPTIONAL = 'linggong:optional-auth';

/** Only accounts holding one of these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/** Anyone may call the route; a valid token, if sent, identifies the caller. */
export const OptionalAuth = () => SetMetadata(OPTIONAL, true);

export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInAccount | undefined => {
  return ctx.switchToHttp().getRequest<Request & { account?: SignedInAccount }>().account;
});

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsReader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [ctx.getHandler(), ctx.getClass()]);
    const optional = this.reflector.getAllAndOverride<boolean | undefined>(OPTIONAL, [ctx.getHandler(), ctx.getClass()]);
    if (!roles && !optional) return true;
    const request = ctx.switchToHttp().getRequest<Request & { account?: SignedInAccount }>();
    const account = await this.accounts.fromToken(bearerToken(request.headers.authorization), roles);
    if (account) request.account = account;
    if (optional && !roles) return true;
    if (!account) throw new AppError('UNAUTHENTICATED');
    if (roles && roles.length && !roles.some((r) => account.roles.includes(r))) throw new AppError('FORBIDDEN');
    return true;
  }
}
