import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginSchema, RequestCodeSchema } from './auth.schemas.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LoginService } from './login.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a one-time sign-in code by SMS (outside production the body carries devCode)' })
  async requestCode(@Body({ schema: RequestCodeSchema }) body: { phone: string }) {
    const code = await this.login.requestCode(body.phone);
    return this.config.production ? {} : { devCode: code };
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange phone + code for a token; a new phone gets an account with no role' })
  signIn(@Body({ schema: LoginSchema }) body: { phone: string; code: string }) {
    return this.login.login(body.phone, body.code);
  }
}
