'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const ejs = require('ejs');

const app = express();
app.use(cookieParser());

app.get('/api/case-0081', async (req, res) => {
  const param = req.cookies.template;
  const values = ['safe', param, '<p>Hello <%= user %></p>'];
  values.shift();
  const bar = values[1];
  const html = ejs.render(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
