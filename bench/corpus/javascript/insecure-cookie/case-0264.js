'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const session = require('koa-session');

const { users, sessions } = require('./store');

const app = new Koa();
const router = new Router();
app.use(bodyParser());
app.keys = [process.env.SESSION_KEY];
app.use(session({ key: 'shop.sess', httpOnly: true, secure: true, sameSite: 'lax' }, app));

router.post('/api/case-0264', async (ctx) => {
  const user = await users.authenticate(ctx.request.body.username, ctx.request.body.password);
  if (!user) {
    ctx.throw(400, 'invalid input');
  }
  ctx.session.userId = user.id;
  ctx.body = { ok: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
