'use strict';

const express = require('express');
const ejs = require('ejs');

const app = express();

app.get('/api/case-0073', async (req, res) => {
  const param = req.query.template;
  const bar = param;
  const html = ejs.render(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
