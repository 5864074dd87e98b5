'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = new URLSearchParams(window.location.search).get('name');
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  document.getElementById('greeting').innerHTML = 'Welcome back, ' + bar;
});
