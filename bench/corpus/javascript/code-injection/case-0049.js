'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0049', async (req, res) => {
  const param = req.query.expr;
  const bar = param;
  if (!/^[\d\s+\-*/().]+$/.test(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const result = eval(bar);
  res.json({ result });
});

app.listen(3000);
