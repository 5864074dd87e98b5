import express = require('express');
import { exec } from 'child_process';

const KNOWN_HOSTS = new Set(['127.0.0.1', 'db.internal', 'cache.internal']);

const app = express();

app.get('/api/case-0017', async (req: express.Request, res: express.Response) => {
  const param = req.query.host;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  if (!KNOWN_HOSTS.has(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  exec(`ping -c 1 ${bar}`, (error, stdout) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json({ output: stdout });
  });
});

app.listen(3000);
