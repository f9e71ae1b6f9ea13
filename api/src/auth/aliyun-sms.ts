import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SmsDriver } from './sms.js';

/**
 * Aliyun (Alibaba Cloud) Short Message Service, `SendSms` of API version 2017-05-25, called in its RPC
 * style: a GET with the parameters in the query, signed with signature version 1.0 (HMAC-SHA1 over the
 * sorted, percent-encoded parameters, key = AccessKeySecret + "&"). Mainland SMS must use approved
 * templates: one for login codes (parameter `code`), one for notices such as offers to walk-ins
 * (parameter `text`).
 */
export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  loginTemplate: string;
  noticeTemplate: string;
  /** https://dysmsapi.aliyuncs.com in production; a local stand-in in tests. */
  endpoint: string;
  timeoutMs?: number;
}

/** RFC 3986 encoding as Aliyun's POP signature wants it: space %20, `*` %2A, `~` kept. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/\+/g, '%20')
    .replace(/\*/g, '%2A')
    .replace(/%7E/g, '~')
    .replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical query (sorted by name, encoded) and the signature of a GET request with these parameters. */
export function signAliyunRpc(params: Record<string, string>, accessKeySecret: string, method = 'GET'): { query: string; signature: string } {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(query)}`;
  const signature = createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
  return { query, signature };
}

export class SmsSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`SMS not sent: ${code} ${message}`);
  }
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

export class AliyunSmsDriver implements SmsDriver {
  constructor(
    private readonly options: AliyunSmsOptions,
    private readonly log: Logger,
  ) {}

  sendLoginCode(phone: string, code: string): Promise<void> {
    return this.sendSms(phone, this.options.loginTemplate, { code }, 'sms.login_code');
  }

  send(phone: string, text: string): Promise<void> {
    return this.sendSms(phone, this.options.noticeTemplate, { text }, 'sms.sent');
  }

  private async sendSms(phone: string, template: string, values: Record<string, string>, event: string): Promise<void> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: template,
      TemplateParam: JSON.stringify(values),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const { query, signature } = signAliyunRpc(params, this.options.accessKeySecret);
    const url = `${this.options.endpoint.replace(/\/$/, '')}/?Signature=${percentEncode(signature)}&${query}`;
    let body: { Code?: string; Message?: string; BizId?: string; RequestId?: string };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
      body = (await response.json()) as typeof body;
    } catch (error) {
      this.log.warn({ event: `${event}.failed`, phone: masked(phone), err: (error as Error).message }, 'SMS provider unreachable');
      throw new SmsSendError('UNREACHABLE', (error as Error).message);
    }
    // The code or text is never logged: only who, which template, and the provider's answer.
    if (body.Code !== 'OK') {
      this.log.warn({ event: `${event}.failed`, phone: masked(phone), template, code: body.Code, requestId: body.RequestId }, 'SMS refused');
      throw new SmsSendError(body.Code ?? 'UNKNOWN', body.Message ?? '');
    }
    this.log.info({ event, phone: masked(phone), template, bizId: body.BizId, requestId: body.RequestId }, 'SMS sent');
  }
}
