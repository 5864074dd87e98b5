import express = require('express');

const SITE_ORIGIN = 'https://shop.example.com';

const app = express();

app.get('/api/case-0161/:next', async (req: express.Request, res: express.Response) => {
  const param = req.params.next;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const target = new URL(bar, SITE_ORIGIN);
  if (target.origin !== SITE_ORIGIN) {
    return res.status(400).json({ error: 'invalid input' });
  }
  res.location(target.href).sendStatus(303);
});

app.listen(3000);
