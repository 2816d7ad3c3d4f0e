import type { NextFunction, Request, Response } from 'express';
import type { ErrorCodeFor } from '@accord/domain';
import type { OpenAPIObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * 405 with `Allow` (RFC 9110 §15.5.6) for a method a documented path does not take (TRACE, PATCH on a list…),
 * where Express would answer 404 as if the resource did not exist. The paths and methods come from the OpenAPI
 * document, so the answer and the document cannot disagree. HEAD goes with GET (Express answers it), OPTIONS is
 * answered here with the same `Allow` (a CORS preflight is answered before, when CORS is on).
 */
export function methodNotAllowed(doc: OpenAPIObject) {
  const routes = Object.entries(doc.paths).map(([path, item]) => {
    const pattern = new RegExp(
      `^${path
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}/?$`,
    );
    const methods = METHODS.filter((m) => item[m]).flatMap((m) => (m === 'get' ? ['GET', 'HEAD'] : [m.toUpperCase()]));
    return { pattern, methods };
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const route = routes.find((r) => r.pattern.test(req.path));
    if (!route || route.methods.includes(req.method)) return next();
    const allow = [...route.methods, 'OPTIONS'].join(', ');
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    res
      .status(405)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Method Not Allowed',
          status: 405,
          code: 'METHOD_NOT_ALLOWED' satisfies ErrorCodeFor<405>,
          detail: `${req.method} is not allowed here; allowed: ${allow}`,
        }),
      );
  };
}
