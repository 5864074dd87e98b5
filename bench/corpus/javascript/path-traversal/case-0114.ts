import express = require('express');
import fs = require('fs');
import path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();

app.get('/api/case-0114', async (req: express.Request, res: express.Response) => {
  const param = req.query.file;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  const target = path.resolve(BASE_DIR, bar);
  if (!target.startsWith(BASE_DIR + path.sep)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  fs.readFile(target, 'utf8', (error, content) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json({ content });
  });
});

app.listen(3000);
