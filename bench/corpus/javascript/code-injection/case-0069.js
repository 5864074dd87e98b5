'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const vm = require('vm');

const app = new Koa();
const router = new Router();

router.get('/api/case-0069', async (ctx) => {
  const param = ctx.cookies.get('script');
  const bar = String(param).trim();
  const factor = Number.parseFloat(bar);
  if (Number.isNaN(factor)) {
    ctx.throw(400, 'invalid input');
  }
  const result = vm.runInNewContext(`items.length * ${factor}`, { items: [1, 2, 3] });
  ctx.body = { result };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
