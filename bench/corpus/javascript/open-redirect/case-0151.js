'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

app.get('/api/case-0151', async (req, res) => {
  const param = req.cookies.next;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  res.location(bar).sendStatus(303);
});

app.listen(3000);
