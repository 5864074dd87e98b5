import express = require('express');
import { exec } from 'child_process';

const app = express();

app.get('/api/case-0018', async (req: express.Request, res: express.Response) => {
  const param = req.query.host;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  exec(`ping -c 1 ${bar}`, (error, stdout) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json({ output: stdout });
  });
});

app.listen(3000);
