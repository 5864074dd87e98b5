'use strict';

const express = require('express');
const Handlebars = require('handlebars');

const app = express();

app.get('/api/case-0086', async (req, res) => {
  const param = req.headers['x-template'];
  const bar = '<p>Hello {{user}}</p>';
  const render = Handlebars.compile(bar);
  res.json({ html: render({ user: 'guest' }) });
});

app.listen(3000);
