'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const { spawnSync } = require('child_process');

const KNOWN_HOSTS = new Set(['127.0.0.1', 'db.internal', 'cache.internal']);

const app = new Koa();
const router = new Router();

router.get('/api/case-0021', async (ctx) => {
  const param = ctx.cookies.get('host');
  const bar = String(param).trim();
  if (!KNOWN_HOSTS.has(bar)) {
    ctx.throw(400, 'invalid input');
  }
  const result = spawnSync('sh', ['-c', `host ${bar}`], { encoding: 'utf8' });
  ctx.body = { output: result.stdout };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
