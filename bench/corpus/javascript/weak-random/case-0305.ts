import express = require('express');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0305', async (req: express.Request, res: express.Response) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const code = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  await users.sendVerification(user.id, code);
  res.json({ ok: true });
});

app.listen(3000);
