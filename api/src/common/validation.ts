import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { AppError, type LocalizedFieldError } from './errors.js';
import { findNul, NUL_MESSAGE } from './nul-guard.js';

const zhErrors = z.locales.zhCN().localeError;
const enErrors = z.locales.en().localeError;

function fieldName(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(body)';
}

/** Parses input against a schema; on failure throws VALIDATION_FAILED naming each bad field in both languages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const nul = findNul(value);
  if (nul) throw new AppError('VALIDATION_FAILED', [{ field: nul, ...NUL_MESSAGE }]);
  const zh = schema.safeParse(value, { error: zhErrors });
  if (zh.success) return zh.data;
  const en = schema.safeParse(value, { error: enErrors });
  const enIssues = en.success ? [] : en.error.issues;
  const details: LocalizedFieldError[] = zh.error.issues.map((issue, i) => ({
    field: fieldName(issue.path),
    zh: issue.message,
    en: enIssues[i]?.message ?? issue.message,
  }));
  throw new AppError('VALIDATION_FAILED', details);
}

/** Validates any `@Body({ schema })`, `@Query({ schema })` or `@Param({ schema })` given a zod schema. */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = (metadata as ArgumentMetadata & { schema?: unknown }).schema;
    if (!(schema instanceof z.ZodType)) return value;
    return parseInput(schema, value ?? {});
  }
}

/** Shared request shapes: a point on the map, an id in the path. */
export const LatLngSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const IdParam = z.object({ id: z.string().min(1).max(64) });
