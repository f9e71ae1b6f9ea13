import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import helmet from 'helmet';
import { toAppError } from '../common/error.filter.js';
import { languageOf } from '../common/errors.js';
import type { AppConfig } from '../config/config.js';
import { originAllowed } from './origins.js';

/** The JSON body limit (nginx allows 1 MB so that the API, not the proxy, answers 413 in the error shape). */
export const BODY_LIMIT = '100kb';

type SecurityConfig = Pick<AppConfig, 'production' | 'allowedOrigins' | 'cspImgSources' | 'hstsMaxAgeS'>;

/**
 * Headers for every response: a CSP the board, the phone app and the console run under (scripts only from
 * this origin; `style-src 'unsafe-inline'` because Svelte and Leaflet set style attributes; images from here,
 * data:/blob: URLs and a configured tile server; sockets to this origin), no framing, nosniff, no referrer
 * across origins. `/api/docs` (Swagger UI writes inline scripts and styles) gets its own looser policy.
 */
export function securityHeaders(config: SecurityConfig): RequestHandler[] {
  const common = {
    // HSTS is decided per request below: only an HTTPS request may say "HTTPS only from now on".
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    crossOriginEmbedderPolicy: false,
    // Same-origin is the default; a tile server's images must still load.
    crossOriginResourcePolicy: { policy: 'same-site' as const },
  };
  const base = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    imgSrc: ["'self'", 'data:', 'blob:', ...config.cspImgSources],
    connectSrc: ["'self'", ...config.allowedOrigins],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    mediaSrc: ["'self'", 'data:', 'blob:'],
    ...(config.production ? {} : { upgradeInsecureRequests: null }),
  };
  const app = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...base, scriptSrc: ["'self'"], scriptSrcAttr: ["'none'"], styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...base, scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: config.hstsMaxAgeS, includeSubDomains: false });
  return [
    (req, res, next) => (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : app)(req, res, next),
    (req, res, next) => (req.secure && config.hstsMaxAgeS > 0 ? hsts(req, res, next) : next()),
  ];
}

/** CORS for the configured origins only (the same origin needs none). */
export function cors(config: Pick<AppConfig, 'production' | 'allowedOrigins'>): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && origin !== `${req.protocol}://${req.headers.host}` && originAllowed(config, origin, req.headers.host)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET,HEAD,POST,PUT,PATCH,DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization,Content-Type,Accept-Language,Idempotency-Key');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/**
 * The JSON body parser and its failures in the error shape: it runs before Nest, so Nest's filter never sees
 * what it rejects: too large is 413 PAYLOAD_TOO_LARGE, not JSON is 400 VALIDATION_FAILED naming `(body)`.
 */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({ limit: BODY_LIMIT });
  const answer = (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const known = toAppError(error);
    if (!known || res.headersSent) return next(error);
    res.status(known.status).json(known.toBody(languageOf(req.headers['accept-language'])));
  };
  return [parse, answer as unknown as RequestHandler];
}
