'use strict';

const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();

router.get('/api/case-0065/:expr', async (ctx) => {
  const param = ctx.params.expr;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const result = eval(bar);
  ctx.body = { result };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
