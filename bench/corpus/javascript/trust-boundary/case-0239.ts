import express = require('express');
import session = require('express-session');

const SELF_SERVICE_ROLES = new Set(['viewer', 'commenter']);

const app = express();
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },
  }),
);

app.get('/api/case-0239', async (req: express.Request, res: express.Response) => {
  const param = req.get('X-Role');
  const lookup = new Map([['keyA', 'viewer'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  if (!SELF_SERVICE_ROLES.has(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.role = bar;
  res.json({ saved: true });
});

app.listen(3000);
