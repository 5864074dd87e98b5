import express = require('express');
import crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();

app.get('/api/case-0282', async (req: express.Request, res: express.Response) => {
  const body = JSON.stringify(await users.publicDirectory());
  const etag = crypto.createHash('md5').update(body).digest('hex');
  res.set('ETag', `"${etag}"`).type('application/json').send(body);
});

app.listen(3000);
