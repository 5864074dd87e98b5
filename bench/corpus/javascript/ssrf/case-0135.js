'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const superagent = require('superagent');

const ALLOWED_HOSTS = new Set(['status.example.com', 'api.example.com']);

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0135', async (ctx) => {
  const param = ctx.request.body.url;
  const bar = normalize(param);
  const target = new URL(bar);
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    ctx.throw(400, 'invalid input');
  }
  const response = await superagent.get(target.href);
  ctx.body = { status: response.status };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
