'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const ejs = require('ejs');

const app = new Koa();
const router = new Router();

router.get('/api/case-0090/:template', async (ctx) => {
  const param = ctx.params.template;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const html = ejs.render(bar, { user: 'guest' });
  ctx.body = { html };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
