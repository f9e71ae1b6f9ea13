import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginSchema, RequestCodeSchema } from './auth.schemas.js';
import type { Request } from 'express';
import { clientIp, mayShowDevCode } from '../common/loopback.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { bearerToken, CurrentAccount, Roles } from './auth.guard.js';
import { AccountsReader, type SignedInAccount } from './accounts.reader.js';
import { LoginService } from './login.service.js';
import { LimitedAs } from '../limits/limits.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly accounts: AccountsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('code')
  @HttpCode(200)
  @LimitedAs('code')
  @ApiOperation({
    summary: 'Send a one-time sign-in code by SMS (outside production the body carries devCode, to requests from this machine)',
  })
  async requestCode(@Body({ schema: RequestCodeSchema }) body: { phone: string }, @Req() request: Request) {
    const code = await this.login.requestCode(body.phone, clientIp(request));
    return mayShowDevCode(this.config, request.socket.remoteAddress) ? { devCode: code } : {};
  }

  @Post('login')
  @HttpCode(200)
  @LimitedAs('sign-in')
  @ApiOperation({ summary: 'Exchange phone + code for a token; a new phone gets an account with no role' })
  signIn(@Body({ schema: LoginSchema }) body: { phone: string; code: string }, @Req() request: Request) {
    return this.login.login(body.phone, body.code, clientIp(request));
  }

  @Post('logout')
  @HttpCode(200)
  @Roles()
  @ApiOperation({ summary: 'Sign out: this token is refused from now on' })
  async logout(@CurrentAccount() account: SignedInAccount, @Req() request: Request) {
    const token = this.accounts.tokenOf(bearerToken(request.headers.authorization));
    if (token) await this.login.logout(account.id, token);
    return { ok: true };
  }

  @Post('logout-all')
  @HttpCode(200)
  @Roles()
  @ApiOperation({ summary: 'Sign out everywhere: every token of this account signed until now is refused' })
  async logoutAll(@CurrentAccount() account: SignedInAccount) {
    await this.login.logoutAll(account.id);
    return { ok: true };
  }

  @Get('me')
  @Roles()
  @ApiOperation({ summary: 'The signed-in account with its roles and scopes (staff of markets, admin or officer of regions)' })
  me(@CurrentAccount() account: SignedInAccount) {
    return this.login.accountView(account.id);
  }
}
