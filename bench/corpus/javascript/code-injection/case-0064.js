'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const vm = require('vm');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0064', async (ctx) => {
  const param = ctx.request.body.expr;
  const bar = normalize(param);
  const script = new vm.Script(bar);
  ctx.body = { result: script.runInNewContext({ Math }) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
