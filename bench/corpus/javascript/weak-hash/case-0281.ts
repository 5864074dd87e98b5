import express = require('express');
import crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();

app.get('/api/case-0281', async (req: express.Request, res: express.Response) => {
  const user = await users.findByName(req.query.username);
  const token = crypto
    .createHash('md5')
    .update(user.email + user.passwordHash)
    .digest('hex');
  res.json({ token });
});

app.listen(3000);
