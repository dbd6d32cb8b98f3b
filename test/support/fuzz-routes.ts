import { Logger } from '@nestjs/common';

/** Routes whose success would end the fuzz's own sessions. */
const SKIPPED = [/logout/i, /\/password/i, /editPassword/i];

type Schema = Record<string, any>;

export interface Route {
  method: string;
  path: string;
  params: string[];
  query: string[];
  fields: string[];
  /** A request the route would accept, built from the document's examples (one per `oneOf` variant). */
  examples: { query: Record<string, unknown>; body: unknown }[];
  form: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

/** A plausible value for a schema: its example, else its first enum value or default, else by pattern and type. */
function exampleOf(schema: Schema | undefined, spec: OpenApi, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return exampleOf(spec.components.schemas[schema.$ref.split('/').pop()], spec, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part: Schema) => exampleOf(part, spec, depth + 1)));
  if (schema.oneOf) return exampleOf(schema.oneOf[0], spec, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.type === 'object' || schema.properties) {
    const entries = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
      .filter(([, property]) => property.format !== 'binary')
      .map(([name, property]) => [name, exampleOf(property, spec, depth + 1)]);
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  }
  if (schema.type === 'array') return [exampleOf(schema.items, spec, depth + 1)].filter((value) => value !== undefined);
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'string') {
    if (/1\[3-9\]/.test(schema.pattern ?? '')) return '13712345678';
    if (/\{32\}/.test(schema.pattern ?? '')) return '0123456789abcdef0123456789abcdef';
    return schema.format === 'date-time' ? '2026-11-01T00:00:00Z' : 'x';
  }
  return undefined;
}

/** Every documented route, from the OpenAPI document. */
export async function documentedRoutes(base: string): Promise<Route[]> {
  const spec = (await (await fetch(`${base}/docs/openapi.json`)).json()) as OpenApi;
  const resolve = (schema: Schema | undefined) => (schema?.$ref ? spec.components.schemas[schema.$ref.split('/').pop()!] : schema);
  const found: Route[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (SKIPPED.some((pattern) => pattern.test(path))) continue;
      const parameters = (operation.parameters ?? []) as { in: string; name: string; schema?: Schema; example?: unknown }[];
      const content = operation.requestBody?.content ?? {};
      const form = Boolean(content['application/x-www-form-urlencoded']);
      const schema = resolve((content['application/json'] ?? content['application/x-www-form-urlencoded'])?.schema);
      const variants: (Schema | undefined)[] = schema?.oneOf ?? [schema];
      const flat = (variant: Schema | undefined) => resolve(variant?.allOf?.[0]) ?? variant;
      const fields = Object.keys(flat(variants[0])?.properties?.data?.properties ?? flat(variants[0])?.properties ?? {});
      const query = Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.example ?? exampleOf(p.schema, spec)]));
      found.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.keys(query),
        fields,
        examples: variants.map((variant) => ({ query, body: variant ? exampleOf(variant, spec) : undefined })),
        form,
      });
    }
  }
  return found;
}

/** What each family answers for a server fault: a hostile input must never get it. */
export function internalError(path: string, status: number, body: any): string | null {
  if (typeof body === 'object' && body !== null && 'statusCode' in body && 'error' in body) return "Nest's default error body";
  if (/^\/SkyFaceRegister\//i.test(path)) return body?.result_code === -5 && body?.result_msg === '数据异常错误' ? 'result_code -5 without a reason' : status !== 200 ? `HTTP ${status}` : null;
  if (/^\/v1\//.test(path)) return body?.code === 500 ? 'code 500' : status !== 200 ? `HTTP ${status}` : null;
  if (/^\/sy/i.test(path)) return body?.ret === '500' ? 'ret 500' : status !== 200 ? `HTTP ${status}` : null;
  if (/^\/api\/face-identity/.test(path)) return body?.ec === 500 ? 'ec 500' : status !== 200 ? `HTTP ${status}` : null;
  if (/^\/api\/(?!admin)/.test(path)) return body?.status === -200 || (body?.status === -404 && body?.message === 'Unknown Error') ? `status ${body.status}` : status !== 200 ? `HTTP ${status}` : null;
  return status >= 500 && status !== 502 && status !== 503 ? `HTTP ${status}` : null;
}

/** Whether the answer says the request was refused (so nothing may have changed). */
export function refused(path: string, status: number, body: any): boolean {
  if (/^\/SkyFaceRegister\//i.test(path)) return body?.result_code !== 0;
  if (/^\/v1\//.test(path)) return body?.code !== 0;
  if (/^\/sy/i.test(path)) return body?.ret !== '0' && body?.code !== 0;
  if (/^\/api\/face-identity/.test(path)) return body?.ec !== 200;
  if (/^\/api\/(?!admin)/.test(path)) return body?.status !== 0;
  return status >= 400;
}

/**
 * Every protocol's exception filter logs "unexpected error" for a fault that is not a domain
 * error, whatever envelope code it then answers: this collects those lines while a request runs.
 */
export class UnexpectedErrors {
  private readonly seen: string[] = [];
  private readonly spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
    if (typeof message === 'string' && message.startsWith('unexpected error')) this.seen.push(message);
  });

  /** What was logged since the last call. */
  take(): string[] {
    return this.seen.splice(0);
  }

  restore(): void {
    this.spy.mockRestore();
  }
}

/** Reads an answer as JSON when it is JSON. */
export async function answerOf(response: Response): Promise<{ raw: string; parsed: unknown }> {
  const raw = await response.text();
  try {
    return { raw, parsed: raw ? JSON.parse(raw) : null };
  } catch {
    return { raw, parsed: raw };
  }
}
