'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

router.post('/api/case-0256', async (ctx) => {
  const user = await users.authenticate(ctx.request.body.username, ctx.request.body.password);
  if (!user) {
    ctx.throw(400, 'invalid input');
  }
  const token = crypto.randomBytes(32).toString('hex');
  await sessions.save(token, user.id);
  ctx.cookies.set('sid', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  ctx.body = { ok: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
