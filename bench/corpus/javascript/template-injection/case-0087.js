'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const nunjucks = require('nunjucks');

nunjucks.configure('views', { autoescape: true });

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0087', async (ctx) => {
  const param = ctx.request.body.template;
  const bar = normalize(param);
  const html = nunjucks.renderString(bar, { user: 'guest' });
  ctx.body = { html };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
