'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const crypto = require('crypto');
const argon2 = require('argon2');

const { users, sessions } = require('./store');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

router.post('/api/case-0276', async (ctx) => {
  const { username, password } = ctx.request.body;
  const hash = await argon2.hash(password);
  await users.updatePassword(username, hash);
  ctx.body = { ok: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
