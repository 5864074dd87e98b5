'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0050', async (req, res) => {
  const param = req.query.expr;
  const bar = param;
  const result = eval(bar);
  res.json({ result });
});

app.listen(3000);
