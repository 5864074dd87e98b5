'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const funcster = require('funcster');

const app = new Koa();
const router = new Router();

router.get('/api/case-0213', async (ctx) => {
  const param = ctx.cookies.get('widget');
  const bar = String(param).trim();
  const widget = JSON.parse(bar);
  ctx.body = { keys: Object.keys(widget) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
