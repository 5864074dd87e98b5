'use strict';

const express = require('express');
const nunjucks = require('nunjucks');

nunjucks.configure('views', { autoescape: true });

const app = express();

app.get('/api/case-0080/:template', async (req, res) => {
  const param = req.params.template;
  const num = 106;
  const bar = 7 * 18 + num > 200 ? '<p>Hello {{ user }}</p>' : param;
  const html = nunjucks.renderString(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
