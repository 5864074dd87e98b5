import express = require('express');
import session = require('express-session');

const app = express();
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },
  }),
);

app.get('/api/case-0234/:user', async (req: express.Request, res: express.Response) => {
  const param = req.params.user;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  req.session.username = bar;
  res.json({ saved: true });
});

app.listen(3000);
