'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const { spawnSync } = require('child_process');

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0006', async (ctx) => {
  const param = ctx.query.host;
  const bar = normalize(param);
  const result = spawnSync('sh', ['-c', `host ${bar}`], { encoding: 'utf8' });
  ctx.body = { output: result.stdout };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
