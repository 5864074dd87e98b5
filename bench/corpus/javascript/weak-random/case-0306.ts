import express = require('express');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0306', async (req: express.Request, res: express.Response) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const delayMs = 500 + Math.floor(Math.random() * 250);
  await users.scheduleWelcomeMail(user.id, delayMs);
  res.json({ ok: true });
});

app.listen(3000);
