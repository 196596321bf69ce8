import type { MiddlewareHandler } from 'hono';
import { unstorableTextReason } from '@switchboard/db';

function badRequest(message: string, field: string) {
  return Response.json(
    { error: { code: 'validation_failed', message, fields: { [field]: message } } },
    { status: 400 },
  );
}

/**
 * Every route's path and query string decode to text the database can hold, or the request is a 400 before any
 * handler reads them: a stray `%` (`/contacts/100%`), a broken sequence (`%E0%A4%A`) or an encoded NUL would
 * otherwise surface as a URIError or a refused statement deep inside a handler.
 */
export function urlHygiene(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return badRequest('The URL path is not valid percent-encoding (write a literal % as %25)', 'path');
    }
    const pathProblem = unstorableTextReason(path);
    if (pathProblem) return badRequest(`The URL path ${pathProblem}`, 'path');
    for (const pair of url.search.slice(1).split('&')) {
      if (!pair) continue;
      let name: string;
      let value: string;
      try {
        const eq = pair.indexOf('=');
        const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
        name = decode(eq < 0 ? pair : pair.slice(0, eq));
        value = eq < 0 ? '' : decode(pair.slice(eq + 1));
      } catch {
        return badRequest(
          'The query string is not valid percent-encoded UTF-8 (write a literal % as %25)',
          'query',
        );
      }
      const problem = unstorableTextReason(name) ?? unstorableTextReason(value);
      if (problem)
        return badRequest(`The query parameter "${name.slice(0, 40)}" ${problem}`, name.slice(0, 40));
    }
    await next();
  };
}
