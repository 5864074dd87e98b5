'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const vm = require('vm');

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0053', async (ctx) => {
  const param = ctx.query.script;
  const bar = normalize(param);
  const result = vm.runInNewContext(bar, { items: [1, 2, 3] });
  ctx.body = { result };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
