/**
 * What every operation has in common, added to the document the decorators produce, so the OpenAPI document says
 * exactly what the api does (docs/api.md "Errors"; Schemathesis checks it in test/integration/schemathesis.integration-spec.ts):
 * the problem+json answers each operation can give, the optional headers, the types of the path parameters, and the
 * links from an operation that creates a resource to the ones that read or act on it.
 */
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_DATE_PATTERN } from './date-validators';
import { documentValidation } from './openapi-validation';
import { RETRY_AFTER_SECONDS } from './problem-details.filter';

/** RFC 9457 problem details as ProblemDetailsFilter writes them. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: '`about:blank`, or a URN naming the rule or problem (urn:accord:rule:…)', example: 'about:blank' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable code of the problem', example: 'VALIDATION_FAILED' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field (dotted path for nested fields)',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const PROBLEM_REF: ReferenceObject = { $ref: '#/components/schemas/Problem' };

/** The refusals, each with the condition under which an operation can give it. */
const REFUSALS: { status: number; description: string; when: (op: OperationInfo) => boolean }[] = [
  { status: 400, description: 'Invalid parameters or body; `errors` names each bad field', when: (op) => op.hasInput },
  { status: 401, description: 'No, an expired or an invalid access token', when: (op) => !op.isPublic },
  { status: 403, description: "The caller's role or agency may not do this (`type` names the rule)", when: (op) => !op.isPublic },
  { status: 404, description: 'No such resource, or not one the caller may see', when: (op) => op.hasPathParams },
  {
    status: 409,
    description: "The resource's state does not allow this now, or the Idempotency-Key was used for another request",
    when: (op) => op.isWrite && !op.isPublic,
  },
  { status: 413, description: 'Request body too large', when: (op) => op.hasBody },
  {
    status: 503,
    description: 'The database or Temporal is unavailable; nothing was changed. Retry after `Retry-After` seconds',
    when: () => true,
  },
];

interface OperationInfo {
  isPublic: boolean;
  isWrite: boolean;
  hasBody: boolean;
  hasPathParams: boolean;
  hasInput: boolean;
}

/** Marks an operation that needs no access token (set by @Public()). */
export const PUBLIC_EXTENSION = 'x-accord-public';

// The pattern is ParseUUIDPipe's (any version, either case): with `format` alone a client (Schemathesis following a
// link whose value is null, say) may take "None" for a valid id, where the api answers 400 INVALID_ID.
const uuidSchema: SchemaObject = {
  type: 'string',
  format: 'uuid',
  pattern: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
};
/** Path parameters by name: every `id` is a UUID (ParseUUIDPipe), `date` a calendar day. */
const PATH_PARAMETER_SCHEMAS: Record<string, SchemaObject> = {
  id: uuidSchema,
  itemId: uuidSchema,
  date: {
    type: 'string',
    pattern: API_DATE_PATTERN,
    description: 'A real calendar day YYYY-MM-DD between 1900-01-01 and 2200-12-31',
    example: '2026-09-02',
  },
};

/** Headers every operation that reads them treats as optional. */
const OPTIONAL_HEADERS: Record<string, { description: string; schema: SchemaObject }> = {
  'idempotency-key': {
    description: 'The same key from the same user returns the first result (409 when reused for another request)',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  'accept-language': {
    description: 'Language of texts in the answer: vi (default) or en; any other value means vi',
    schema: { type: 'string' },
  },
};

/**
 * Links from the operation that creates (or lists) a resource to those that take its id: Schemathesis' stateful
 * phase follows them, and a client learns where an id goes. Keyed by `METHOD path status`.
 */
const LINKS: { from: string; status: string; to: string; parameters: Record<string, string> }[] = [
  ...[
    'GET /api/v1/proposals/{id}',
    'GET /api/v1/proposals/{id}/timeline',
    'POST /api/v1/proposals/{id}/withdraw',
    'GET /api/v1/admin/proposals/{id}/history',
  ].map((to) => ({ from: 'POST /api/v1/proposals', status: '201', to, parameters: { id: '$response.body#/id' } })),
  ...['GET /api/v1/proposals/{id}', 'GET /api/v1/proposals/{id}/timeline'].map((to) => ({
    from: 'GET /api/v1/proposals',
    status: '200',
    to,
    parameters: { id: '$response.body#/items/0/id' },
  })),
  ...['GET /api/v1/tasks/{id}', 'POST /api/v1/tasks/{id}/claim', 'POST /api/v1/tasks/{id}/unclaim'].map((to) => ({
    from: 'GET /api/v1/tasks',
    status: '200',
    to,
    parameters: { id: '$response.body#/items/0/id' },
  })),
  { from: 'POST /api/v1/tasks/{id}/claim', status: '200', to: 'POST /api/v1/tasks/{id}/unclaim', parameters: { id: '$request.path.id' } },
  { from: 'POST /api/v1/attachments', status: '201', to: 'GET /api/v1/attachments/{id}/content', parameters: { id: '$response.body#/id' } },
  {
    from: 'POST /api/v1/me/substitutes',
    status: '201',
    to: 'DELETE /api/v1/me/substitutes/{id}',
    parameters: { id: '$response.body#/id' },
  },
  ...['GET /api/v1/report-cycles/{id}', 'GET /api/v1/report-cycles/{id}/report', 'POST /api/v1/report-cycles/{id}/consolidate'].map(
    (to) => ({ from: 'POST /api/v1/report-cycles', status: '201', to, parameters: { id: '$response.body#/id' } }),
  ),
  {
    from: 'GET /api/v1/report-cycles',
    status: '200',
    to: 'GET /api/v1/report-cycles/{id}',
    parameters: { id: '$response.body#/items/0/id' },
  },
  { from: 'POST /api/v1/plans', status: '201', to: 'GET /api/v1/plans/{id}', parameters: { id: '$response.body#/id' } },
  { from: 'GET /api/v1/plans', status: '200', to: 'GET /api/v1/plans/{id}', parameters: { id: '$response.body#/items/0/id' } },
  {
    from: 'PUT /api/v1/calendar/holidays/{date}',
    status: '200',
    to: 'DELETE /api/v1/calendar/holidays/{date}',
    parameters: { date: '$request.path.date' },
  },
  {
    from: 'GET /api/v1/admin/incidents',
    status: '200',
    to: 'GET /api/v1/admin/incidents/{id}',
    parameters: { id: '$response.body#/items/0/id' },
  },
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

function operations(doc: OpenAPIObject): [path: string, method: string, op: OperationObject][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [path, m, item[m] as OperationObject] as [string, string, OperationObject]),
  );
}

/** Completes `doc` in place (and returns it). */
export function completeDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Problem: PROBLEM_SCHEMA };
  documentValidation(doc);
  for (const schema of Object.values(doc.components.schemas)) dropReflectedTypes(schema as SchemaObject);
  const problem = (description: string, status: number): ResponseObject => ({
    description,
    content: { 'application/problem+json': { schema: PROBLEM_REF } },
    ...(status === 503
      ? { headers: { 'Retry-After': { description: `Seconds to wait (${RETRY_AFTER_SECONDS})`, schema: { type: 'integer', minimum: 0 } } } }
      : {}),
  });
  for (const [, method, op] of operations(doc)) {
    const record = op as OperationObject & Record<string, unknown>;
    const isPublic = record[PUBLIC_EXTENSION] === true;
    delete record[PUBLIC_EXTENSION];
    // Explicitly no token (/metrics keeps its own bearer scheme: the scraper's token).
    if (isPublic && !op.security) op.security = [];
    op.parameters = normalizeParameters((op.parameters ?? []) as ParameterObject[]);
    const params = op.parameters as ParameterObject[];
    const info: OperationInfo = {
      isPublic,
      isWrite: method !== 'get',
      hasBody: !!op.requestBody,
      hasPathParams: params.some((p) => p.in === 'path'),
      hasInput: !!op.requestBody || params.some((p) => p.in === 'path' || p.in === 'query'),
    };
    for (const refusal of REFUSALS) {
      const key = String(refusal.status);
      const existing = op.responses[key] as ResponseObject | undefined;
      if (existing) {
        // Keep the operation's own description (it says when); the body is always a problem.
        existing.content = problem(existing.description, refusal.status).content;
      } else if (refusal.when(info)) {
        op.responses[key] = problem(refusal.description, refusal.status);
      }
    }
    for (const [key, response] of Object.entries(op.responses)) {
      if (Number(key) >= 400 && !(response as ResponseObject).content)
        (response as ResponseObject).content = problem('', Number(key)).content;
    }
  }
  addLinks(doc);
  return doc;
}

/**
 * One entry per header, lower-cased (@Headers('idempotency-key') and @ApiHeader('Idempotency-Key') each add one),
 * and optional: no operation requires a header beyond the access token. Path parameters get their real schema.
 */
function normalizeParameters(params: ParameterObject[]): ParameterObject[] {
  const out: ParameterObject[] = [];
  const headers = new Map<string, ParameterObject>();
  for (const p of params) {
    if (p.in === 'header') {
      const name = p.name.toLowerCase();
      const known = OPTIONAL_HEADERS[name];
      const previous = headers.get(name);
      const merged: ParameterObject = {
        ...previous,
        ...p,
        name,
        required: false,
        description: p.description ?? previous?.description ?? known?.description,
        schema: known?.schema ?? p.schema,
      };
      if (!previous) out.push(merged);
      else out[out.indexOf(previous)] = merged;
      headers.set(name, merged);
      continue;
    }
    if (p.in === 'path' && PATH_PARAMETER_SCHEMAS[p.name]) {
      out.push({ ...p, schema: PATH_PARAMETER_SCHEMAS[p.name] });
      continue;
    }
    out.push(p);
  }
  return out;
}

/**
 * A property declared with `oneOf` (a cell that is text or a number) also gets the TypeScript type @nestjs/swagger
 * reflects (`string`), which would make every alternative but that one invalid: the `oneOf` is what is meant.
 */
function dropReflectedTypes(schema: SchemaObject): void {
  for (const property of Object.values(schema.properties ?? {}) as SchemaObject[]) {
    if (property.oneOf && property.type) delete property.type;
  }
}

function addLinks(doc: OpenAPIObject): void {
  const find = (key: string): OperationObject | undefined => {
    const [method, path] = key.split(' ') as [string, string];
    return doc.paths[path]?.[method.toLowerCase() as (typeof METHODS)[number]];
  };
  for (const link of LINKS) {
    const from = find(link.from);
    const to = find(link.to);
    if (!from || !to?.operationId) throw new Error(`OpenAPI link ${link.from} -> ${link.to}: no such operation`);
    const response = (from.responses[link.status] ??= { description: '' }) as ResponseObject;
    response.links = { ...response.links, [to.operationId]: { operationId: to.operationId, parameters: link.parameters } };
  }
}
