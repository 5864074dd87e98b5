'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const vm = require('vm');

const EXPRESSIONS = new Set(['Math.max(1, 2)', 'Math.PI * 2']);

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0063', async (ctx) => {
  const param = ctx.request.body.expr;
  const bar = normalize(param);
  if (!EXPRESSIONS.has(bar)) {
    ctx.throw(400, 'invalid input');
  }
  const script = new vm.Script(bar);
  ctx.body = { result: script.runInNewContext({ Math }) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
