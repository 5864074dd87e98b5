'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

app.get('/api/case-0152', async (req, res) => {
  const param = req.cookies.next;
  const num = 106;
  const bar = 7 * 18 + num > 200 ? '/orders' : param;
  res.location(bar).sendStatus(303);
});

app.listen(3000);
