'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const ejs = require('ejs');

const TEMPLATES = new Map([
  ['welcome', '<p>Welcome <%= user %></p>'],
  ['goodbye', '<p>Goodbye <%= user %></p>'],
]);

const app = new Koa();
const router = new Router();

router.get('/api/case-0089/:template', async (ctx) => {
  const param = ctx.params.template;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const source = TEMPLATES.get(bar);
  if (!source) {
    ctx.throw(400, 'invalid input');
  }
  const html = ejs.render(source, { user: 'guest' });
  ctx.body = { html };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
