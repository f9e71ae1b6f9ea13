import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pino from 'pino';
import { loadConfig } from '../config/config.js';
import { AliyunSmsDriver, SmsSendError, signAliyunRpc } from './aliyun-sms.js';

const KEY_ID = 'LTAI5tTestKeyId';
const SECRET = 'testSecretForTheStandIn';
/** RFC 3986 percent-encoding, written here apart from the driver's. */
const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A stand-in for dysmsapi.aliyuncs.com on 127.0.0.1: recomputes the signature from the query as Aliyun's
 * documentation states it (independently of the driver's code), checks the required parameters, and
 * answers with the provider's success or error bodies.
 */
function standIn() {
  const received: Array<Record<string, string>> = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const params = Object.fromEntries(url.searchParams);
    received.push(params);
    const { Signature, ...rest } = params;
    const canonical = Object.keys(rest)
      .sort()
      .map((k) => `${enc(k)}=${enc(rest[k])}`)
      .join('&');
    const expected = createHmac('sha1', `${SECRET}&`)
      .update(`GET&%2F&${enc(canonical)}`)
      .digest('base64');
    res.setHeader('content-type', 'application/json');
    const answer = (status: number, body: object) => {
      res.statusCode = status;
      res.end(JSON.stringify(body));
    };
    if (rest.AccessKeyId !== KEY_ID) return answer(404, { RequestId: 'r0', Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    if (Signature !== expected) return answer(400, { RequestId: 'r1', Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' });
    if (rest.Action !== 'SendSms' || rest.Version !== '2017-05-25' || rest.SignatureMethod !== 'HMAC-SHA1' || !rest.SignatureNonce) {
      return answer(400, { RequestId: 'r2', Code: 'MissingParameter', Message: 'bad request' });
    }
    if (rest.PhoneNumbers === '13800000000') {
      return answer(200, { RequestId: 'r3', Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10' });
    }
    answer(200, { RequestId: 'r4', BizId: '900619746936498440^0', Code: 'OK', Message: 'OK' });
  });
  return { server, received };
}

test('the signature of the worked example in Aliyun’s documentation (SendSms, testId / testSecret)', () => {
  const { signature } = signAliyunRpc(
    {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    },
    'testSecret',
  );
  expect(signature).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
});

describe('Aliyun SMS driver against a local stand-in', () => {
  const { server, received } = standIn();
  let endpoint: string;
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  const options = () => ({
    accessKeyId: KEY_ID,
    accessKeySecret: SECRET,
    signName: '零工快招',
    loginTemplate: 'SMS_100000001',
    noticeTemplate: 'SMS_100000002',
    endpoint,
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a login code goes out signed, with the login template and the code as its parameter; the code is not logged', async () => {
    await new AliyunSmsDriver(options(), log).sendLoginCode('13912345678', '482913');
    const sent = received.at(-1)!;
    expect(sent).toMatchObject({ PhoneNumbers: '13912345678', SignName: '零工快招', TemplateCode: 'SMS_100000001', Format: 'JSON' });
    expect(JSON.parse(sent.TemplateParam)).toEqual({ code: '482913' });
    expect(sent.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(lines.join('\n')).not.toContain('482913');
    expect(lines.join('\n')).toContain('139****5678');
  });

  test('a notice with spaces, * and ~ and Chinese text is signed the same way the provider computes it', async () => {
    await new AliyunSmsDriver(options(), log).send('13912345679', '回复 1 接受 * 回复 2 谢绝 ~ (今天)');
    expect(JSON.parse(received.at(-1)!.TemplateParam)).toEqual({ text: '回复 1 接受 * 回复 2 谢绝 ~ (今天)' });
  });

  test('the provider’s refusals become SmsSendError with its code: wrong secret, flow control, unreachable', async () => {
    const wrong = new AliyunSmsDriver({ ...options(), accessKeySecret: 'not-the-secret' }, log);
    await expect(wrong.sendLoginCode('13912345678', '111111')).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    const driver = new AliyunSmsDriver(options(), log);
    await expect(driver.sendLoginCode('13800000000', '111111')).rejects.toBeInstanceOf(SmsSendError);
    await expect(driver.sendLoginCode('13800000000', '111111')).rejects.toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL' });
    const nowhere = new AliyunSmsDriver({ ...options(), endpoint: 'http://127.0.0.1:1', timeoutMs: 2000 }, log);
    await expect(nowhere.send('13912345678', 'x')).rejects.toMatchObject({ code: 'UNREACHABLE' });
    expect(lines.join('\n')).not.toContain('111111');
  });

  test('SMS_DRIVER=aliyun requires its keys, sign name and templates', () => {
    expect(() => loadConfig({ SMS_DRIVER: 'aliyun', DATA_DIR: 'memory://' })).toThrow(/ALIYUN_SMS_ACCESS_KEY_ID: is required/);
    const config = loadConfig({
      SMS_DRIVER: 'aliyun',
      DATA_DIR: 'memory://',
      ALIYUN_SMS_ACCESS_KEY_ID: KEY_ID,
      ALIYUN_SMS_ACCESS_KEY_SECRET: SECRET,
      ALIYUN_SMS_SIGN_NAME: '零工快招',
      ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_100000001',
      ALIYUN_SMS_TEMPLATE_NOTICE: 'SMS_100000002',
    });
    expect(config.aliyunSms).toMatchObject({ endpoint: 'https://dysmsapi.aliyuncs.com', signName: '零工快招' });
    expect(() => loadConfig({ SMS_DRIVER: 'tencent', DATA_DIR: 'memory://' })).toThrow(/SMS_DRIVER/);
  });
});

test('the console driver never logs a code in production', async () => {
  const { ConsoleSmsDriver } = await import('./sms.js');
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  await new ConsoleSmsDriver(log, loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), DATA_DIR: 'memory://' })).sendLoginCode('13912345678', '654321');
  expect(lines.join('\n')).not.toContain('654321');
  await new ConsoleSmsDriver(log, loadConfig({ DATA_DIR: 'memory://' })).sendLoginCode('13912345678', '123987');
  expect(lines.join('\n')).toContain('123987');
});
