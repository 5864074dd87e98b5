'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const Cryo = require('cryo');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0207', async (ctx) => {
  const param = ctx.request.body.state;
  const bar = normalize(param);
  const state = JSON.parse(bar);
  ctx.body = { keys: Object.keys(state) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
