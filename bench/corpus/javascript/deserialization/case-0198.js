'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const funcster = require('funcster');

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0198', async (ctx) => {
  const param = ctx.query.widget;
  const bar = normalize(param);
  const widget = funcster.deepDeserialize(JSON.parse(bar));
  ctx.body = { keys: Object.keys(widget) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
