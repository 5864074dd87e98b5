import express = require('express');
import crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0288', async (req: express.Request, res: express.Response) => {
  const { username, password } = req.body;
  const hash = crypto.createHash('sha256').update(password).digest('hex');
  await users.create(username, hash);
  res.json({ ok: true });
});

app.listen(3000);
