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

app.get('/api/case-0240', async (req: express.Request, res: express.Response) => {
  const param = req.get('X-Role');
  const lookup = new Map([['keyA', 'viewer'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  req.session.role = bar;
  res.json({ saved: true });
});

app.listen(3000);
