'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const { spawnSync } = require('child_process');

const app = new Koa();
const router = new Router();

router.get('/api/case-0022', async (ctx) => {
  const param = ctx.cookies.get('host');
  const bar = String(param).trim();
  const result = spawnSync('sh', ['-c', `host ${bar}`], { encoding: 'utf8' });
  ctx.body = { output: result.stdout };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
