import { Hono } from 'hono';

const app = new Hono();
const checks = [{ name: 'api', url: process.env.API_URL ?? 'http://api:8080/healthz' }];

app.get('/', async (c) => {
  const results = await Promise.all(checks.map(async (check) => ({ ...check, ok: (await fetch(check.url).catch(() => undefined))?.ok ?? false })));
  return c.json(results);
});

export default { port: 3000, fetch: app.fetch };
