'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

app.get('/api/case-0058', async (req, res) => {
  const param = req.cookies.expr;
  const values = ['safe', param, '2 + 2'];
  values.shift();
  const bar = values[0];
  const result = eval(bar);
  res.json({ result });
});

app.listen(3000);
