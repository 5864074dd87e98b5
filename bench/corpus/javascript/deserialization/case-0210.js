'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const serialize = require('node-serialize');

const app = new Koa();
const router = new Router();

router.get('/api/case-0210/:profile', async (ctx) => {
  const param = ctx.params.profile;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const profile = JSON.parse(Buffer.from(bar, 'base64').toString('utf8'));
  ctx.body = { theme: profile.theme };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
