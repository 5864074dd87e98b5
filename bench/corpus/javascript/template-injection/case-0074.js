'use strict';

const express = require('express');
const ejs = require('ejs');

const app = express();

app.get('/api/case-0074', async (req, res) => {
  const param = req.query.template;
  const bar = param;
  const html = ejs.render('<p>Hello <%= user %></p>', { user: bar });
  res.json({ html });
});

app.listen(3000);
