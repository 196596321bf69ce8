import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** Serves the built web app; unknown paths get index.html so the client-side router can take them. */
export function mountWebApp(app: Hono, distDir: string | undefined) {
  const root = distDir && existsSync(path.join(distDir, 'index.html')) ? distDir : undefined;
  if (!root) {
    app.get('/', (c) =>
      c.text('The web app is not built. Run `npm start` (it builds it) or `npm run web:build`.', 503),
    );
    return;
  }
  const indexHtml = readFileSync(path.join(root, 'index.html'), 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use('/favicon.svg', serveStatic({ root }));
  // Images the editor puts in new emails (the image block's placeholder): served by Switchboard itself, so a
  // template made offline or behind a firewall shows them, and recipients load them from the public URL.
  app.use(
    '/email-assets/*',
    serveStatic({ root, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=86400') }),
  );
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
}
