'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const axios = require('axios');

const app = new Koa();
const router = new Router();

router.get('/api/case-0137/:url', async (ctx) => {
  const param = ctx.params.url;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const response = await axios.get(
    'https://status.example.com/api/services/' + encodeURIComponent(bar),
    { timeout: 5000 },
  );
  ctx.body = { status: response.status };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
