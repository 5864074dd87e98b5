'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const { exec } = require('child_process');
const { promisify } = require('util');

const execAsync = promisify(exec);

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0016', async (ctx) => {
  const param = ctx.request.body.count;
  const bar = normalize(param);
  const { stdout } = await execAsync(`ping -c ${bar} 127.0.0.1`);
  ctx.body = { output: stdout };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
