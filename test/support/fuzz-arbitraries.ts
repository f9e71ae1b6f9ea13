import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document writes it (the parts the fuzzer reads). */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/**
 * Hostile values: NUL, control and bidi characters, astral and combining unicode, huge strings, injection
 * shapes, wrong types, deep nesting, and objects carrying prototype-pollution keys (made with JSON.parse so
 * the keys are own properties that JSON.stringify sends).
 */
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\u202eevil',
  '𠀀𝄞🎉👨‍👩‍👧',
  'e\u0301\u0301\u0301',
  '\ud800',
  '',
  ' ',
  "' OR 1=1 --",
  '"; DROP TABLE "Shift"; --',
  '../../../etc/passwd',
  '%00',
  '%',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  'x'.repeat(70_000),
  '兰'.repeat(5_000),
];

export function pollution(): fc.Arbitrary<unknown> {
  return fc
    .constantFrom(
      '{"__proto__":{"polluted":"yes","isAdmin":true,"roles":["admin"]}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"prototype":{"polluted":"yes"},"__proto__":null}',
    )
    .map((text) => JSON.parse(text) as unknown);
}

export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1 + 0.2, -0) },
    { weight: 1, arbitrary: fc.double({ noNaN: true }) },
    { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4, withObjectString: true }) },
    { weight: 1, arbitrary: pollution() },
    { weight: 1, arbitrary: fc.constant(deep(64)) },
  );
}

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

export class SchemaArbitraries {
  constructor(
    private readonly components: Record<string, Schema>,
    /** Known-good strings (fixture ids, market ids, trade codes) that get past lookups to deeper code. */
    private readonly known: string[],
  ) {}

  /** A value for the schema: mostly well-formed, sometimes hostile (wrong type, junk), at any depth. */
  value(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const good = this.wellFormed(this.deref(schema), depth);
    // Hostile at the top often, deeper rarely: most bodies must get past validation to reach the services.
    return fc.oneof({ weight: depth === 0 ? 5 : 20, arbitrary: good }, { weight: 1, arbitrary: hostileValue() });
  }

  private deref(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) return this.deref(this.components[schema.$ref.split('/').pop()!]);
    return schema;
  }

  private wellFormed(s: Schema, depth: number): fc.Arbitrary<unknown> {
    if (depth > 6) return fc.constant(null);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((a) => this.value(a, depth + 1)));
    if (s.allOf?.length) return this.value(s.allOf[0], depth + 1);
    switch (s.type) {
      case 'string':
        return this.string(s);
      case 'integer':
        return fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }) },
          { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(s.minimum ?? 0, s.maximum ?? 0, 2 ** 31, 2 ** 53, -(2 ** 63))) },
        );
      case 'number':
        return fc.oneof(
          { weight: 4, arbitrary: fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true }) },
          { weight: 1, arbitrary: fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(5e-324, 1e308, -1e308, 0.005, 1e15 + 0.3)) },
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(this.value(s.items, depth + 1), { maxLength: 4 });
      case 'null':
        return fc.constant(null);
      default:
        if (s.properties || s.type === 'object') return this.object(s, depth);
        return fc.anything({ maxDepth: 2 });
    }
  }

  private object(s: Schema, depth: number): fc.Arbitrary<unknown> {
    const props = s.properties ?? {};
    const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, this.value(v, depth + 1)])), {
      requiredKeys: (s.required ?? []).filter((k) => k in props),
    });
    // Sometimes a required key goes missing, or junk and pollution keys ride along.
    return fc
      .tuple(record, fc.option(pollution(), { freq: 6 }), fc.option(fc.constantFrom(...Object.keys(props), '_'), { freq: 5 }))
      .map(([r, junk, drop]) => {
        const out: Record<string, unknown> = { ...(r as Record<string, unknown>) };
        if (drop) delete out[drop];
        return junk ? Object.assign(JSON.parse(JSON.stringify(junk)) as object, out) : out;
      });
  }

  private string(s: Schema): fc.Arbitrary<string> {
    const soon = Date.now();
    if (s.format === 'date-time') {
      const tame = fc
        .date({ min: new Date(soon - 400 * 86400_000), max: new Date(soon + 400 * 86400_000), noInvalidDate: true })
        .map((d) => d.toISOString());
      // Far years (0000, 9999), offsets and fractions the pattern allows.
      return s.pattern
        ? fc.oneof({ weight: 4, arbitrary: tame }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(s.pattern)) })
        : tame;
    }
    if (s.format === 'date')
      return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    if (s.pattern) return fc.oneof(fc.stringMatching(new RegExp(s.pattern)), fc.constantFrom(...this.known));
    return fc.oneof(
      { weight: 2, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }) },
      { weight: 3, arbitrary: fc.constantFrom(...this.known) },
    );
  }
}
