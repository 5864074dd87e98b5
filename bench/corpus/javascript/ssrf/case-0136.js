'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const superagent = require('superagent');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0136', async (ctx) => {
  const param = ctx.request.body.url;
  const bar = normalize(param);
  const response = await superagent.get(bar);
  ctx.body = { status: response.status };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
